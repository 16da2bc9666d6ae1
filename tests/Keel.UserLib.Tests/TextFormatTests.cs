using System;
using System.Globalization;
using System.Text;
using CsCheck;
using Keel.Kernel;
using Xunit;
using Utf8 = Keel.UserLib.Utf8;

namespace Keel.UserLib.Tests;

// userlib's `$"…"` formatting (userlib/Text) against .NET's own, for the formats
// docs/csharp.md promises: the same interpolated string through Utf8.TryWrite and
// through .NET's invariant-culture string, byte for byte.
public class TextFormatTests
{
    private static string Keel(Func<Span<byte>, (bool Ok, int Written)> write)
    {
        Span<byte> buffer = stackalloc byte[512];
        (bool ok, int written) = write(buffer);
        Assert.True(ok);
        return Encoding.UTF8.GetString(buffer[..written]);
    }

    private static string Net(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void IntegersOfEveryWidthInEveryFormatPrintAsDotNetPrintsThem()
    {
        Gen.Select(Gen.Long, Gen.Int[0, 7]).Sample((bits, width) =>
        {
            long l = bits; int i = (int)bits; short s = (short)bits; sbyte sb = (sbyte)bits;
            ulong ul = (ulong)bits; uint ui = (uint)bits; ushort us = (ushort)bits; byte b = (byte)bits;
            string Ours() => Keel(d => (Utf8.TryWrite(d, $"{l} {i} {s} {sb} {ul} {ui} {us} {b}|{l:x} {i:x} {s:x} {sb:x} {ul:X} {ui:X} {us:X} {b:X}|{l:D20} {i:d12} {s:D6} {sb:D4} {ul:D21} {ui:d11} {us:D6} {b:D4}|{i:X8} {l:x16} {s,7} {b,-5}| {ui,12:X} {sb,-6:D3}", out int w), w));
            string Theirs() => Net($"{l} {i} {s} {sb} {ul} {ui} {us} {b}|{l:x} {i:x} {s:x} {sb:x} {ul:X} {ui:X} {us:X} {b:X}|{l:D20} {i:d12} {s:D6} {sb:D4} {ul:D21} {ui:d11} {us:D6} {b:D4}|{i:X8} {l:x16} {s,7} {b,-5}| {ui,12:X} {sb,-6:D3}");
            Assert.Equal(Theirs(), Ours());
        });
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(-1)]
    [InlineData(0)]
    public void TheExtremesPrintAsDotNetPrintsThem(long value)
    {
        int i = (int)value; short s = (short)value; ulong u = (ulong)value;
        Assert.Equal(Net($"{value} {i} {s} {u} {value:X} {i:x} {s:x4} {u:D}"),
            Keel(d => (Utf8.TryWrite(d, $"{value} {i} {s} {u} {value:X} {i:x} {s:x4} {u:D}", out int w), w)));
    }

    [Theory]
    [InlineData(21.5f, "F1", "21.5")]
    [InlineData(21.55f, "F0", "22")]
    [InlineData(-0.04f, "F1", "-0.0")]
    [InlineData(0.0f, "F2", "0.00")]
    [InlineData(-0.0f, "F1", "-0.0")]
    [InlineData(1.5f, null, "1.5")]
    [InlineData(0.1f, null, "0.1")]
    [InlineData(3f, null, "3")]
    [InlineData(-2.25f, "F3", "-2.250")]
    [InlineData(0.999f, "F2", "1.00")]
    [InlineData(4294967295f, "F0", "4294967296")]
    [InlineData(1e10f, "F1", "10000000000.0")]
    [InlineData(1e19f, "F0", "9999999980506447872")]
    [InlineData(21.46f, null, "21.46")]
    [InlineData(1234567.8f, null, "1234568")]
    [InlineData(3.4028235e38f, "F0", "340282400000000000000000000000000000000")]
    [InlineData(float.NaN, "F1", "NaN")]
    [InlineData(float.PositiveInfinity, "F1", "Infinity")]
    [InlineData(float.NegativeInfinity, null, "-Infinity")]
    [InlineData(2.5f, "F", "2.50")]
    [InlineData(2.5f, "N3", "2.5")]
    public void FloatsPrintWithTheirDecimals(float value, string format, string expected)
    {
        Text.FormattedText.Float(out Text.FormattedText text, value, format);
        Assert.Equal(expected, Encoding.UTF8.GetString(text.Bytes));
    }

    [Fact]
    public void AFloatHoleIsFormattedLikeItsFormattedText()
    {
        float t = 21.46f;
        Assert.Equal("temp 21.5 C, 21.46, [  21.460]", Keel(d => (Utf8.TryWrite(d, $"temp {t:F1} C, {t}, [{t,8:F3}]", out int w), w)));
    }

    // Within a float's own precision, the decimals round to the nearest: what is printed
    // reads back to the value within half a unit of the last decimal (plus the float's
    // own rounding, about 7 significant digits).
    [Fact]
    public void FixedPointReadsBackToTheValue()
    {
        Gen.Select(Gen.Float[-1e6f, 1e6f], Gen.Int[0, 6]).Sample((value, decimals) =>
        {
            Text.FormattedText.Float(out Text.FormattedText formatted, value, "F" + decimals);
            string text = Encoding.UTF8.GetString(formatted.Bytes);
            Assert.Equal(decimals, text.Contains('.') ? text.Length - text.IndexOf('.') - 1 : 0);
            double back = double.Parse(text, CultureInfo.InvariantCulture);
            double tolerance = 0.5 * Math.Pow(10, -decimals) + Math.Abs(value) * 2e-7;
            Assert.True(Math.Abs(back - value) <= tolerance, $"{value:R} F{decimals} -> {text}");
        });
    }

    [Fact]
    public void BoolsCharsStringsAndU8SpansAreCopiedAndAligned()
    {
        bool yes = true, no = false; char c = 'x'; string name = "héllo €𝄞"; string word = "ab";
        Assert.Equal(Net($"[{yes}] [{no,7}] [{c,-3}] [{name}] [{word,4}] [{word,-4}]"),
            Keel(d => (Utf8.TryWrite(d, $"[{yes}] [{no,7}] [{c,-3}] [{name}] [{word,4}] [{word,-4}]", out int w), w)));
        Assert.Equal("<raw  |", Keel(d => (Utf8.TryWrite(d, $"<{"raw"u8,-5}|", out int w), w)));
    }

    [Fact]
    public void ASystemCallStatusPrintsByNameOrAsANumber()
    {
        Error status = Error.WouldBlock, strange = (Error)999;
        Assert.Equal("WouldBlock 8 0x6 [ EmptySlot] UnknownError",
            Keel(d => (Utf8.TryWrite(d, $"{status} {status:D} 0x{Error.InvalidArgument:X} [{Error.EmptySlot,10}] {strange}", out int w), w)));
    }

    [Fact]
    public void TextThatDoesNotFitIsRefusedAndNothingIsCountedWritten()
    {
        Span<byte> small = stackalloc byte[10];
        int n = 123456, m = 1234;
        Assert.False(Utf8.TryWrite(small, $"value {n}", out int written));
        Assert.Equal(0, written);
        Assert.False(Utf8.TryWrite(small, $"a literal longer than ten {m}", out written));
        Assert.Equal(0, written);
        Assert.True(Utf8.TryWrite(small, $"value {m}", out written));
        Assert.Equal("value 1234", Encoding.UTF8.GetString(small[..written]));
    }
}
