using System.Text;
using Keel.Emulation;
using Keel.UserLib.Testing;

namespace Keel.Firmware.Tests;

// The host's half of run-time case selection (tests/Keel.Emulation/TestSelectionImage.cs):
// where in an image file it writes the patterns, and what it refuses. The target's
// half, reading them, is AppTestApplicationTests' and the kernel suite's.
public class TestSelectionImageTests
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes(TestSelectionBlock.MarkerText);
    private const int Capacity = TestSelectionBlock.PatternCapacity;

    [Fact]
    public void EveryBlockAfterAMarkerGetsThePatternsAndNothingElseChanges()
    {
        byte[] image = new byte[3 * (Marker.Length + Capacity) + 10];
        image.AsSpan().Fill(0x55);
        int first = 5, second = first + Marker.Length + Capacity + 7;
        Marker.CopyTo(image, first);
        Marker.CopyTo(image, second);
        byte[] before = (byte[])image.Clone();

        Assert.Equal(2, TestSelectionImage.Fill(image, "ab|c*"u8));

        foreach (int at in new[] { first, second })
        {
            byte[] expected = new byte[Capacity];
            "ab|c*"u8.CopyTo(expected);
            Assert.Equal(expected, image.AsSpan(at + Marker.Length, Capacity).ToArray());
        }
        for (int i = 0; i < image.Length; i++)
        {
            bool inBlock = (i >= first + Marker.Length && i < first + Marker.Length + Capacity)
                || (i >= second + Marker.Length && i < second + Marker.Length + Capacity);
            if (!inBlock)
                Assert.True(before[i] == image[i], $"byte {i} outside the blocks changed");
        }
    }

    [Fact]
    public void AMarkerWithoutRoomForItsBlockIsNoBlock()
    {
        byte[] image = new byte[Marker.Length + Capacity - 1];
        Marker.CopyTo(image, 0);
        Assert.Equal(0, TestSelectionImage.Fill(image, "x"u8));
    }

    [Fact]
    public void AnImageWithoutABlockAndPatternsTooLongForOneAreRefused()
    {
        string folder = Directory.CreateTempSubdirectory("keel-selection-").FullName;
        string elf = Path.Combine(folder, "plain.elf");
        File.WriteAllBytes(elf, new byte[4096]);
        var noBlock = Assert.Throws<InvalidDataException>(() => TestSelectionImage.Write(elf, "IPC*"));
        Assert.Contains("has no test-case selection block", noBlock.Message);
        var tooLong = Assert.Throws<ArgumentException>(() => TestSelectionImage.Write(elf, new string('a', Capacity)));
        Assert.Contains($"at most {Capacity - 1}", tooLong.Message);
        Assert.False(File.Exists(Path.Combine(folder, "plain.selected.elf")));
    }
}
