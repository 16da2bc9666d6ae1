using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Keel.Emulation;

namespace Keel.Firmware.Tests;

// Every Renode command that README.md and renode-scripts/README.md show, run as a user
// runs it (bash, from the repository root, `renode` on PATH, `~/renode/renode` where
// Renode is) and checked against what its comment or its paragraph promises, Renode's
// own exit status included: a run that ends well ends Renode with status 0.
//
// - EveryDocumentedCommandIsInTheTable (a host test, always run) keeps the table in
//   step with the READMEs: each command line of their `sh` blocks that runs Renode or
//   keel under Renode (every line of renode-scripts/README.md's) is a line of one row,
//   and each row's lines are in the READMEs as written.
// - RunsAndDoesWhatItsCommentSays (where Renode is installed, skipped without it like
//   every Renode test) runs each row; the rows it cannot run say why.
//
// The commands build what they run (images for the Nucleo-F401RE), so the class shares
// the dotnet-build collection.
[Collection(DotnetBuildCollection.Name)]
public class DocumentedRenodeCommandsTests
{
    private static readonly string[] Readmes = ["README.md", "renode-scripts/README.md"];

    // A documented command (one line, or a block run whole) and what it must show.
    // `Interactive`: the command starts Renode's monitor; once its output shows this,
    // the test types `quit` as a user would.
    private sealed record Row(string Script, Action<ShellRun> Check, string? Interactive = null, string? Setup = null);

    private sealed record ShellRun(int? ExitCode, string Output, string CommandLine)
    {
        public void ExitedWith(int status) => Assert.True(ExitCode == status, $"{CommandLine}\nexited with {ExitCode?.ToString() ?? "nothing (killed)"}; output:\n{Output}");

        public void Shows(string text) => Assert.True(Output.Contains(text, StringComparison.Ordinal), $"{CommandLine}\nshows no `{text}`; output:\n{Output}");
    }

    private const string DemoComplete = "supervisor: demo complete";
    // The suite's closing line on Renode, from its catalogue: every case passes but those
    // Renode cannot test, which skip (as RobotSuiteTests reads it too).
    private static readonly string RenodeSuiteEnd = SuiteEndOnRenode();

    private static string SuiteEndOnRenode()
    {
        int skipped = Enumerable.Range(0, Keel.Suite.Catalogue.Count).Count(index => Keel.Suite.Catalogue.UntestableOnRenode(index).Length != 0);
        return $"{Keel.Suite.Catalogue.Count - skipped} passed, 0 failed, {skipped} skipped";
    }

    private static readonly Dictionary<string, Row> Rows = new()
    {
        // README.md: "boot the Nucleo-F401RE build under Renode"; renode-scripts: "the policy demo".
        ["keel-run-demo"] = new("./keel run --emulator renode", run =>
        {
            run.ExitedWith(0);
            run.Shows(DemoComplete);
        }),
        // "the user button (PC13, EXTI) toggles the LED": pressed by its renode/inputs.resc,
        // which then ends the run.
        ["keel-run-button"] = new("./keel run examples/button --emulator renode", run =>
        {
            run.ExitedWith(0);
            run.Shows("button: press 1, LED toggled: Ok\nbutton: press 2, LED toggled: Ok\nbutton: press 3, LED toggled: Ok\n");
            run.Shows("keel: the run ended with the application's scripted inputs (renode/inputs.resc).");
        }),
        // "a TMP103 read over I2C1": the temperature its renode/inputs.resc gives the sensor.
        ["keel-run-i2c-sensor"] = new("./keel run examples/i2c-sensor --emulator renode", run =>
        {
            run.ExitedWith(0);
            run.Shows("sensor: probe of 0x49 (no device): Nack\n");
            run.Shows("sensor: temperature: 23.0 C, 73.4 F\n");
            run.Shows("sensor: SPI sent 9f 00 00, received c2 20 17\n");
        }),
        // "the on-target suite, built for Renode"; "the suite, a table of its cases"; its end.
        ["keel-test-renode"] = new("./keel test --emulator renode", run =>
        {
            run.ExitedWith(0);
            run.Shows("IPC0001");
            run.Shows(RenodeSuiteEnd);
        }),
        // "puts the image in firmware/policy-demo/bin/nucleo-f401re/policy-demo.elf".
        ["build-demo"] = new("dotnet build firmware/policy-demo -p:KeelBoard=nucleo-f401re", run =>
        {
            run.ExitedWith(0);
            Assert.True(File.Exists(Path.Combine(Repository.Root, "firmware/policy-demo/bin/nucleo-f401re/policy-demo.elf")));
        }),
        // "The first runs the policy demo ... Without a display, add --console
        // --disable-gui: ... the console's lines are printed in Renode's log"; `quit` ends.
        ["interactive-demo"] = new("renode renode-scripts/nucleo-f401re.resc", run =>
        {
            run.ExitedWith(0);
            run.Shows(DemoComplete);
        }, Interactive: DemoComplete, Setup: "dotnet build firmware/policy-demo -p:KeelBoard=nucleo-f401re"),
        // "the second chooses the image" (any image built with -p:KeelBoard=nucleo-f401re).
        ["interactive-hello"] = new("renode -e '$elf=@firmware/hello/bin/nucleo-f401re/hello.elf; include @renode-scripts/nucleo-f401re.resc'", run =>
        {
            run.ExitedWith(0);
            run.Shows("board: nucleo-f401re");
        }, Interactive: "mpu: ", Setup: "dotnet build firmware/hello -p:KeelBoard=nucleo-f401re"),
        // Headless: the stop line on standard output, the demo's transcript in $console,
        // and (pipefail) Renode's own status 0.
        ["headless-demo"] = new(
            """
            out=$(mktemp -d)
            timeout 600 renode --disable-gui --console --plain \
              -e "\$elf=@$PWD/firmware/policy-demo/bin/nucleo-f401re/policy-demo.elf; \$console=@$out/console.log; \$logfile=@$out/renode.log; \$time=\"30\"; include @$PWD/renode-scripts/run-headless.resc" \
              | grep 'keel: image stopped with status 0'
            grep -q 'supervisor: demo complete' "$out/console.log"
            """, run =>
            {
                run.ExitedWith(0);
                run.Shows("keel: image stopped with status 0");
            }, Setup: "dotnet build firmware/policy-demo -p:KeelBoard=nucleo-f401re"),
        // The suite by hand: its last console line, `86 passed, 0 failed, 8 skipped`.
        ["headless-suite"] = new(
            """
            dotnet build tests/target-suite -p:KeelBoard=nucleo-f401re -p:KeelSuiteEmulator=renode
            out=$(mktemp -d)
            timeout 600 renode --disable-gui --console --plain \
              -e "\$elf=@$PWD/tests/target-suite/bin/nucleo-f401re/target-suite.elf; \$console=@$out/console.log; \$logfile=@$out/renode.log; \$time=\"30\"; include @$PWD/renode-scripts/run-headless.resc"
            tail -1 "$out/console.log"
            """, run =>
            {
                run.ExitedWith(0);
                Assert.EndsWith(RenodeSuiteEnd, run.Output.TrimEnd());
            }),
    };

    // Renode's Robot runner on keel-suite.robot: run by its own test, which also needs
    // the runner's Python packages.
    private const string RobotSuite =
        """
        dotnet build tests/target-suite -p:KeelBoard=nucleo-f401re -p:KeelSuiteEmulator=renode
        renode-test renode-scripts/keel-suite.robot
        """;

    // Rows shown in the READMEs that this test does not run, and why.
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["""
         wget https://github.com/renode/renode/releases/download/v1.16.1/renode_1.16.1_amd64.deb
         sudo apt-get install -y ./renode_1.16.1_amd64.deb
         """] = "installs Renode from the network; the test uses the Renode it finds",
        ["""
         wget https://github.com/renode/renode/releases/download/v1.16.1/renode-1.16.1.linux-portable-dotnet.tar.gz
         mkdir -p ~/renode && tar xf renode-1.16.1.linux-portable-dotnet.tar.gz -C ~/renode --strip-components=1
         export PATH="$HOME/renode:$PATH"
         """] = "installs Renode from the network; the test uses the Renode it finds",
        ["RENODE=~/renode/renode ./keel test --all"] = "every test of the tree, this one among them: the suite's own run",
        ["RENODE=~/renode/renode dotnet test tests/Keel.Firmware.Tests --filter TargetSuiteOnRenode"] = "the TargetSuiteOnRenode tests of this very project, which run beside this one",
    };

    public static TheoryData<string> RowIds => [.. Rows.Keys];

    [Fact]
    public void EveryDocumentedCommandIsInTheTable()
    {
        string[] tabled = [.. Rows.Values.SelectMany(row => LogicalLines(row.Script)), .. LogicalLines(RobotSuite), .. NotRun.Keys.SelectMany(LogicalLines)];
        var documented = new List<string>();
        foreach (string readme in Readmes)
        {
            string text = File.ReadAllText(Path.Combine(Repository.Root, readme));
            bool wholeFile = readme.StartsWith("renode-scripts/", StringComparison.Ordinal);
            foreach (string block in ShellBlocks(text))
            {
                foreach (string line in LogicalLines(block))
                {
                    string command = WithoutComment(line);
                    if (command.Length > 0 && (wholeFile || command.Contains("renode", StringComparison.OrdinalIgnoreCase)))
                    {
                        documented.Add(command);
                        Assert.True(tabled.Contains(command), $"{readme} shows `{command}`, which no row of {nameof(DocumentedRenodeCommandsTests)} runs or names");
                    }
                }
            }
        }
        foreach (string line in tabled)
            Assert.True(documented.Contains(line), $"`{line}` is in no README's sh block (as written there)");
    }

    [RenodeTheory]
    [MemberData(nameof(RowIds))]
    public async Task RunsAndDoesWhatItsCommentSays(string id)
    {
        Row row = Rows[id];
        if (row.Setup is not null)
            (await Shell(row.Setup)).ExitedWith(0);
        ShellRun run = await Shell(row.Interactive is null ? row.Script : row.Script + " --console --disable-gui", row.Interactive);
        row.Check(run);
    }

    // "Each Robot test ... waits for its case's verdict line": all of them pass.
    [RenodeTestFact]
    public async Task TheRobotSuiteRunsUnderRenodeTest()
    {
        ShellRun run = await Shell(RobotSuite);
        run.ExitedWith(0);
        run.Shows("Tests finished successfully");
    }

    [Fact]
    public void TheCommandsNotRunAreShownAndEachSaysWhy()
    {
        foreach (var (script, reason) in NotRun)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.DoesNotContain(script, Rows.Values.Select(row => row.Script));
        }
    }

    // Renode as the READMEs have it: `renode` (and `renode-test` beside it) on PATH.
    private static string RenodeFolder()
    {
        string folder = Directory.CreateTempSubdirectory("keel-renode-path-").FullName;
        string renode = Renode.Locate() ?? throw new InvalidOperationException(Renode.InstallHint);
        File.CreateSymbolicLink(Path.Combine(folder, "renode"), renode);
        string renodeTest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(renode))!, "renode-test");
        if (File.Exists(renodeTest))
            File.CreateSymbolicLink(Path.Combine(folder, "renode-test"), renodeTest);
        return folder;
    }


    // Runs `script` in bash (-e, pipefail: a failing step or a Renode that fails in a
    // pipe fails the run) from the repository root. `typeQuitAfter`: the command is
    // interactive; once its output shows that text, `quit` is typed into it. The
    // wall-clock limit only guards against a hang: every run ends by itself.
    private static async Task<ShellRun> Shell(string script, string? typeQuitAfter = null)
    {
        string renodeFolder = RenodeFolder();
        string renode = Path.Combine(renodeFolder, "renode");
        string command = script.Replace("~/renode/renode", renode);
        var start = new ProcessStartInfo("bash", ["-c", "set -eo pipefail\n" + command])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = renodeFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment.Remove(Renode.EnvironmentVariable);
        var output = new StringBuilder();
        var shown = new TaskCompletionSource();
        using var process = new Process { StartInfo = start };
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (output)
            {
                output.Append(e.Data).Append('\n');
                if (typeQuitAfter is not null && e.Data.Contains(typeQuitAfter, StringComparison.Ordinal))
                    shown.TrySetResult();
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (typeQuitAfter is null)
            process.StandardInput.Close();

        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            if (typeQuitAfter is not null)
            {
                await Task.WhenAny(shown.Task, process.WaitForExitAsync(guard.Token));
                await process.StandardInput.WriteLineAsync("quit");
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            Directory.Delete(renodeFolder, recursive: true);
        }
        process.WaitForExit();
        lock (output)
            return new ShellRun(guard.IsCancellationRequested ? null : process.ExitCode, output.ToString(), command);
    }

    // The bodies of the ```sh blocks of a Markdown text.
    private static IEnumerable<string> ShellBlocks(string markdown) =>
        Regex.Matches(markdown, @"^```sh\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Select(block => block.Groups["body"].Value);

    // A script's commands, a line ending in `\` joined to the next, each trimmed.
    private static IEnumerable<string> LogicalLines(string script) =>
        Regex.Replace(script.Replace("\r\n", "\n"), @"\\\n\s*", "\\ ").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0);

    // A command without its trailing `# comment` (none of the documented commands has a
    // `#` of its own).
    private static string WithoutComment(string line)
    {
        int comment = line.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? line : line[..comment]).Trim();
    }
}

// A test of Renode's Robot runner (renode-test): skipped without Renode, and without the
// Python packages of Renode's tests/requirements.txt (robotframework among them).
public sealed class RenodeTestFactAttribute : FactAttribute
{
    public RenodeTestFactAttribute()
    {
        if (Renode.Locate() is null)
            Skip = Renode.InstallHint;
        else if (!PythonHas("robot"))
            Skip = "renode-test needs the Python packages of Renode's tests/requirements.txt (pip install -r <renode>/tests/requirements.txt): robotframework is not installed";
    }

    private static bool PythonHas(string module)
    {
        try
        {
            using Process python = Process.Start(new ProcessStartInfo("python3", ["-c", $"import {module}"]) { RedirectStandardError = true })!;
            python.WaitForExit();
            return python.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
