namespace Keel.Emulation;

// A host tool the run needs is not installed; the message carries the install command.
public sealed class MissingToolException(string tool, string installCommand)
    : Exception($"{tool} was not found on PATH. Install it with: {installCommand}")
{
    public string Tool { get; } = tool;

    public string InstallCommand { get; } = installCommand;
}
