import Foundation
import Testing
@testable import UndertoneCLI

@Suite struct CommandLineParsingTests {
    @Test(arguments: [
        ("agent,customer", 0, 1), ("customer,agent", 1, 0), ("2,3", 2, 3), (" Customer , Agent ", 1, 0),
    ])
    func channelRolesParse(argument: String, agent: Int, customer: Int) throws {
        let roles = try #require(ChannelRoles(argument: argument))
        #expect(roles.map.agent == agent)
        #expect(roles.map.customer == customer)
    }

    @Test(arguments: ["agent", "agent,agent", "1,1", "-1,0", "left,right", "0,1,2"])
    func channelRolesRejectNonsense(argument: String) {
        #expect(ChannelRoles(argument: argument) == nil)
    }

    @Test func usageErrorsExitWithTwo() async {
        let code = await UndertoneCommand.runWithExitCodes(["analyze", "call.wav", "--dead-air", "-3"])
        #expect(code == 2)
        let unknown = await UndertoneCommand.runWithExitCodes(["analyze", "--no-such-flag", "call.wav"])
        #expect(unknown == 2)
    }

    @Test func missingInputExitsWithOne() async {
        let code = await UndertoneCommand.runWithExitCodes(["analyze", "/nonexistent/undertone/call.wav"])
        #expect(code == 1)
    }

    @Test func helpOfEverySubcommandShowsAnExample() throws {
        for subcommand in UndertoneCommand.configuration.subcommands {
            let help = subcommand.helpMessage()
            #expect(help.contains("undertone \(subcommand._commandName)"), "\(subcommand._commandName) help has no example")
        }
    }
}
