using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Keel.Generators.Tests;

// An interface that breaks a rule of docs/drivers.md fails the build at the line of what
// breaks it, with the code the docs list, and no client or server is written for it.
public class DiagnosticTests
{
    // What the generator reads from userlib and the kernel, as a firmware project sees it.
    private const string Prelude = """
        namespace Keel.Kernel { public enum Error : uint { Ok = 0 } }
        namespace Keel.UserLib
        {
            [System.AttributeUsage(System.AttributeTargets.Interface)] public sealed class IpcInterfaceAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class MaxLengthAttribute : System.Attribute { public MaxLengthAttribute(int bytes) { } }
            [System.AttributeUsage(System.AttributeTargets.Parameter)] public sealed class TransferAttribute : System.Attribute { }
        }
        """;

    private static (ImmutableArray<Diagnostic> Diagnostics, int Generated) Run(string body)
    {
        string source = "using System; using Keel.Kernel; using Keel.UserLib;\nnamespace App {\n" + body + "\n}\n";
        CSharpCompilation compilation = CSharpCompilation.Create("App",
            [CSharpSyntaxTree.ParseText(source, path: "App.cs"), CSharpSyntaxTree.ParseText(Prelude, path: "Prelude.cs")],
            Basic.References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new InterfaceGenerator()).RunGenerators(compilation);
        GeneratorDriverRunResult result = driver.GetRunResult();
        return (result.Diagnostics, result.GeneratedTrees.Length);
    }

    // Line numbers count from the interface's first line, which is line 3 of App.cs.
    public static TheoryData<string, string, int> Broken => new()
    {
        { "KEEL2001", """
            [IpcInterface] public interface IBig
            {
                Error Send([MaxLength(60)] ReadOnlySpan<byte> a, uint b);
            }
            """, 3 },
        { "KEEL2001", """
            [IpcInterface] public interface IBig
            {
                Error Get(out uint a, out uint c, [MaxLength(60)] Span<byte> b);
            }
            """, 3 },
        { "KEEL2002", """
            [IpcInterface] public interface IWide
            {
                Error Set(ulong value);
            }
            """, 3 },
        { "KEEL2002", """
            [IpcInterface] public interface IByRef
            {
                Error Set(ref uint value);
            }
            """, 3 },
        { "KEEL2002", """
            [IpcInterface] public interface IText
            {
                Error Set(string text);
            }
            """, 3 },
        { "KEEL2003", """
            [IpcInterface] public interface IUnbounded
            {
                Error Send(ReadOnlySpan<byte> data);
            }
            """, 3 },
        { "KEEL2003", """
            [IpcInterface] public interface ITooLong
            {
                Error Send([MaxLength(61)] ReadOnlySpan<byte> data);
            }
            """, 3 },
        { "KEEL2004", """
            [IpcInterface] public interface IVoid
            {
                void Ping();
            }
            """, 3 },
        { "KEEL2005", """
            [IpcInterface] public interface IFourCaps
            {
                Error Give([Transfer] uint a, [Transfer] uint b, [Transfer] uint c, [Transfer] uint d);
            }
            """, 3 },
        { "KEEL2005", """
            [IpcInterface] public interface IByteCap
            {
                Error Give([Transfer] byte a);
            }
            """, 3 },
        { "KEEL2006", """
            [IpcInterface] public interface IProperty
            {
                uint Count { get; }
                Error Ping();
            }
            """, 3 },
        { "KEEL2006", """
            [IpcInterface] public interface IGeneric<T>
            {
                Error Ping();
            }
            """, 1 },
        { "KEEL2006", """
            [IpcInterface] public interface IEmpty
            {
            }
            """, 1 },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenRuleIsAnErrorAtItsLineAndNothingIsGenerated(string code, string body, int line)
    {
        (ImmutableArray<Diagnostic> diagnostics, int generated) = Run(body);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(line + 2, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(0, generated);
    }

    [Fact]
    public void AnInterfaceAtTheLimitsIsGenerated()
    {
        (ImmutableArray<Diagnostic> diagnostics, int generated) = Run("""
            [IpcInterface] public interface IFull
            {
                Error Send([MaxLength(60)] ReadOnlySpan<byte> data, [Transfer] uint a, [Transfer] uint b, [Transfer] uint c);
                Error Get(byte which, [MaxLength(60)] Span<byte> data, [Transfer] out uint a);
            }
            """);
        Assert.Empty(diagnostics);
        Assert.Equal(1, generated);
    }
}

// The framework's reference assemblies, for compilations the tests make.
internal static class Basic
{
    public static IEnumerable<MetadataReference> References() =>
        ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Where(path => System.IO.Path.GetFileName(path) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "netstandard.dll" or "System.Memory.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
}
