import MTLTreeCLI
MTLTreeTool.main()
