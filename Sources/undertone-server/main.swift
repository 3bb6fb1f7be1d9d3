import UndertoneServer

await ServerCommand.main()
