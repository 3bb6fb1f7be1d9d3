import Foundation
import UndertoneCLI

exit(await UndertoneCommand.runWithExitCodes())
