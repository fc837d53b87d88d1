import FactumYAML
