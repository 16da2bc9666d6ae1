using Keel.Cli;
using Spectre.Console;

// Spectre takes 80 columns when the output is not a terminal (CI logs); the size
// table needs more.
if (Console.IsOutputRedirected)
    AnsiConsole.Console.Profile.Width = 160;
var context = new CliContext(AnsiConsole.Console, Environment.CurrentDirectory, new ProcessRunner(), Environment.GetEnvironmentVariable);
return await KeelCli.RunAsync(context, args, Console.Error);
