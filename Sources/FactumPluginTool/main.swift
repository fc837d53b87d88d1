import FactumCLI

// The plugins run this copy of the factum tool.
FactumMain.main()
