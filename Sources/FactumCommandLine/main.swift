import FactumCLI

FactumMain.main()
