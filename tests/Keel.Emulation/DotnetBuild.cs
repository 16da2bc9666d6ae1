using System.Diagnostics;

namespace Keel.Emulation;

// Runs `dotnet build` on a project, for tests of what the build accepts and refuses.
public static class DotnetBuild
{
    public static (int ExitCode, string Output) Run(string project, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])["build", project, "-nologo", "-v:m", .. extra])
            start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
