import Foundation
import UndertoneServer

exit(await ServerCommand.runAsRoot())
