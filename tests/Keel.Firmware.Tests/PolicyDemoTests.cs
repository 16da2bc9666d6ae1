using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// The policy-server demo (firmware/policy-demo, issue 4's scenario) booted on QEMU:
// seven MPU-isolated tasks, a minted and granted badged capability, NBCall against a
// busy service, the revocation of one client's capability after its one request (issue
// 14) while the other client goes on, a rogue read stopped by the MPU and handled by
// its supervisor. Every
// task has its own priority, so the transcript is the same on every run; only code
// addresses (the rogue's faulting pc) depend on the build.
[Collection(DotnetBuildCollection.Name)]
public class PolicyDemoTests
{
    private static readonly string DemoFolder = "firmware/policy-demo";

    private static string Hex(uint value) => "0x" + value.ToString("x8");

    [Fact]
    public async Task TheDemoRunsEveryStepAndEndsCleanly()
    {
        EmulatorRun run = await new Qemu().RunAsync(Repository.Image(DemoFolder, "policy-demo"));
        Assert.True(run.ExitedWith(0), run.Describe());

        string serviceRam = Hex(Window("service").RamBase);
        string rogueFault = $"supervisor: rogue faulted: memory access at address {serviceRam}, pc (0x[0-9a-f]{{8}})\n" +
                            "supervisor: the service still answers \\(3 requests served\\)\n";
        string rogueRead = $"rogue: reading the service's RAM at {serviceRam}\n";
        string expected =
            "supervisor: watching for faults\n" +
            "policy: ready\n" +
            "service: ready\n" +
            "alice: asking the policy server for the service\n" +
            "policy: alice \\(badge 1\\) asks for the service: minted a write, grant-reply capability with badge 1\n" +
            "alice: got an endpoint capability \\(write, grant-reply\\) in slot 2\n" +
            "alice: calling the service with 20\n" +
            "service: request from alice \\(badge 1\\): 20, writing it to the journal\n" +
            "bob: asking the policy server for the service\n" +
            "policy: bob \\(badge 2\\) asks for the service: minted a write, grant-reply capability with badge 2\n" +
            "bob: got an endpoint capability \\(write, grant-reply\\) in slot 2\n" +
            "bob: trying the service with NBCall 21\n" +
            "bob: NBCall would block: the service is busy; calling and waiting\n" +
            "journal: ready\n" +
            "journal: entry 1: alice sent 20\n" +
            "service: request from bob \\(badge 2\\): 21, writing it to the journal\n" +
            "policy: the service has served bob \\(badge 2\\) his one request: revoked his capability\n" +
            "alice: the service answered 40\n" +
            "alice: calling the service again with 30\n" +
            "journal: entry 2: bob sent 21\n" +
            "service: request from alice \\(badge 1\\): 30, writing it to the journal\n" +
            "bob: the service answered 42\n" +
            "bob: calling the service again with 22\n" +
            "bob: the call failed with EmptySlot: slot 2 is empty, the capability was revoked\n" +
            "journal: entry 3: alice sent 30\n" +
            "alice: the service answered 60\n" +
            rogueRead + rogueFault + "supervisor: restarting the rogue \\(1 of 2\\)\n" +
            rogueRead + rogueFault + "supervisor: restarting the rogue \\(2 of 2\\)\n" +
            rogueRead + rogueFault +
            "supervisor: the rogue faulted 3 times: holding it stopped\n" +
            "supervisor: demo complete\n";
        Match transcript = new Regex("^" + expected + "$").Match(run.Console);
        Assert.True(transcript.Success, run.Describe());

        // Each reported pc is the rogue's own load instruction, in its own flash.
        (uint flashBase, uint flashEnd, _) = Window("rogue");
        for (int fault = 1; fault <= 3; fault++)
            Assert.InRange(Convert.ToUInt32(transcript.Groups[fault].Value, 16), flashBase, flashEnd);
    }

    [Fact]
    public void TheDemoBuildsForTheNucleoBoardWithASizeReport()
    {
        (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, DemoFolder, "PolicyDemo.csproj"), "-p:KeelBoard=nucleo-f401re");

        Assert.True(exitCode == 0, output);
        string report = File.ReadAllText(Path.Combine(Repository.Root, DemoFolder, "bin", "nucleo-f401re", "policy-demo.size.txt"));
        Assert.Contains("of 524288 bytes", report);
        Assert.Contains("of 98304 bytes", report);
        Assert.Contains(".task_rogue_text", report);
    }

    [Fact]
    public void AMalformedSystemDescriptionFailsTheBuildNamingTaskAndField()
    {
        string folder = Directory.CreateTempSubdirectory("keel-app-").FullName;
        try
        {
            string toml = File.ReadAllText(Path.Combine(Repository.Root, DemoFolder, "app.toml"))
                .Replace("project = \"tasks/journal/Journal.csproj\"\npriority = 5", "project = \"tasks/journal/Journal.csproj\"\npriority = 99");
            string description = Path.Combine(folder, "app.toml");
            File.WriteAllText(description, toml);

            // The generator refuses the description before anything is written, so this
            // build leaves the demo's own outputs alone.
            (int exitCode, string output) = DotnetBuild.Run(Path.Combine(Repository.Root, DemoFolder, "PolicyDemo.csproj"),
                $"-p:KeelAppDescription={description}");

            Assert.NotEqual(0, exitCode);
            Assert.Contains("error KEEL0100: task 'journal': field 'priority'", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A task's flash window and RAM base, from the layout the build generated for the demo.
    private static (uint FlashBase, uint FlashEnd, uint RamBase) Window(string task)
    {
        string layout = File.ReadAllText(Path.Combine(Repository.Root, DemoFolder, "obj", "keel", "netduinoplus2", "system", "layout.txt"));
        Match window = Regex.Match(layout, $@"task {task}\s+0x([0-9A-F]{{8}})-0x([0-9A-F]{{8}})\s+\d+\s+0x([0-9A-F]{{8}})");
        Assert.True(window.Success, layout);
        return (Convert.ToUInt32(window.Groups[1].Value, 16), Convert.ToUInt32(window.Groups[2].Value, 16), Convert.ToUInt32(window.Groups[3].Value, 16));
    }
}
