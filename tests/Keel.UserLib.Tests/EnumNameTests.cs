using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Keel.UserLib.Text;
using Xunit;

namespace Keel.UserLib.Tests;

public enum Mode { Heat, Cool, Off = 7 }

public enum Level : sbyte { Low = -1, Mid = 0, High = 1 }

public enum Wide : ulong { Top = ulong.MaxValue, One = 1 }

[Flags]
internal enum Alias : ushort { First = 1, Same = 1, Second = 2 }

internal static class FakeTask
{
    // What makes this project a task to the enum-name generator.
    [UnmanagedCallersOnly(EntryPoint = "keel_task_main")]
    private static void Start() { }

    // An enum of another assembly, known to the generator because the task formats it.
    private static string Hole(DayOfWeek day) => $"{day}";
}

// The function the enum-name generator writes for a task
// (analyzers/Keel.Generators/EnumNameGenerator.cs), called as userlib's EnumText calls it
// on the target: an enum's marker address and a value's bits in, the member's name out.
public unsafe class EnumNameTests
{
    private static string Name<T>(ulong bits, out int result) where T : struct, Enum
    {
        delegate* unmanaged<void*, ulong, byte**, int> lookup = &Keel.UserLib.Text.Generated.EnumNames.Lookup;
        byte* name = null;
        result = lookup(Unsafe.AsPointer(ref EnumType<T>.Marker), bits, &name);
        return result < 0 ? null : Encoding.UTF8.GetString(name, result);
    }

    [Fact]
    public void EveryMemberOfADeclaredEnumHasItsName()
    {
        foreach (Mode mode in Enum.GetValues<Mode>())
            Assert.Equal(mode.ToString(), Name<Mode>((ulong)mode, out _));
        Assert.Equal("Low", Name<Level>(0xFF, out _));
        Assert.Equal("High", Name<Level>(1, out _));
        Assert.Equal("Top", Name<Wide>(ulong.MaxValue, out _));
    }

    [Fact]
    public void AValueWithoutAMemberSaysWhetherItsEnumIsSigned()
    {
        Assert.Null(Name<Mode>(3, out int result));
        Assert.Equal(EnumText.UnnamedSigned, result);
        Assert.Null(Name<Wide>(5, out result));
        Assert.Equal(EnumText.UnnamedUnsigned, result);
        Assert.Null(Name<Alias>(3, out result));
        Assert.Equal(EnumText.UnnamedUnsigned, result);
    }

    [Fact]
    public void MembersThatShareAValuePrintAsTheFirstDeclared() => Assert.Equal("First", Name<Alias>(1, out _));

    [Fact]
    public void AnEnumOfAnotherAssemblyIsNamedWhenTheTaskFormatsIt() => Assert.Equal("Monday", Name<DayOfWeek>(1, out _));

    [Fact]
    public void AnEnumTheGeneratorWasNotToldOfIsUnnamed()
    {
        Assert.Null(Name<System.IO.FileAccess>(1, out int result));
        Assert.Equal(EnumText.UnnamedUnsigned, result);
    }
}
