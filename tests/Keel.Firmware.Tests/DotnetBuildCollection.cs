namespace Keel.Firmware.Tests;

// Test classes that run `dotnet build` on projects sharing referenced projects (the
// core library, hal, the build tool): in one collection, so two builds never write
// the same outputs at once.
[CollectionDefinition(Name)]
public class DotnetBuildCollection
{
    public const string Name = "dotnet build";
}
