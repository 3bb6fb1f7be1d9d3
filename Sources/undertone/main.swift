import UndertoneCLI

await UndertoneCommand.main()
