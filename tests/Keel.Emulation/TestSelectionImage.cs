using System.Text;
using Keel.UserLib.Testing;

namespace Keel.Emulation;

// The host's half of run-time case selection (userlib/TestSelection.cs): a copy of a
// built test image whose selection block holds the given patterns. The block is found
// by its marker in the image file (the test task's initial data, which start-up copies
// to RAM), so neither the build nor the ELF's symbols are involved, and the same copy
// boots under QEMU or Renode or is flashed to a board.
public static class TestSelectionImage
{
    // Writes `<image>.selected.elf` beside `elf`, with `patterns` (case-id patterns
    // separated by '|') in every selection block, and returns its path. An image without
    // a block (not a test application, or built by a Keel that selected at build time)
    // or patterns longer than the block are errors the caller reports.
    public static string Write(string elf, string patterns)
    {
        byte[] text = Encoding.ASCII.GetBytes(patterns);
        if (text.Length >= TestSelectionBlock.PatternCapacity)
            throw new ArgumentException(
                $"the case filter is {text.Length} characters long; an image holds at most {TestSelectionBlock.PatternCapacity - 1}: select fewer cases or use wildcards");
        byte[] image = File.ReadAllBytes(elf);
        int blocks = Fill(image, text);
        if (blocks == 0)
            throw new InvalidDataException(
                $"{elf} has no test-case selection block: it is not a test application (no TestCases.RunAll or Keel's suite driver), or it was built by an older Keel");
        string selected = Path.ChangeExtension(elf, ".selected.elf");
        File.WriteAllBytes(selected, image);
        return selected;
    }

    // Writes `text` and a NUL, zero-filled to the block's end, after every marker in
    // `image`; returns how many blocks it filled.
    public static int Fill(byte[] image, ReadOnlySpan<byte> text)
    {
        byte[] marker = Encoding.ASCII.GetBytes(TestSelectionBlock.MarkerText);
        int blocks = 0;
        for (int at = 0; at <= image.Length - marker.Length - TestSelectionBlock.PatternCapacity;)
        {
            int found = image.AsSpan(at).IndexOf(marker);
            if (found < 0 || at + found + marker.Length + TestSelectionBlock.PatternCapacity > image.Length)
                break;
            Span<byte> patterns = image.AsSpan(at + found + marker.Length, TestSelectionBlock.PatternCapacity);
            patterns.Clear();
            text.CopyTo(patterns);
            blocks++;
            at += found + marker.Length + TestSelectionBlock.PatternCapacity;
        }
        return blocks;
    }
}
