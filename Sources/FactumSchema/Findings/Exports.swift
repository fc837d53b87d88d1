@_exported import struct FactumYAML.Mark
