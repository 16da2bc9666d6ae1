using Keel.Devices.Tests.Models;
using Keel.Kernel;
using Xunit;

namespace Keel.Devices.Tests;

// The SSD1306 driver against the controller's model: the set-up lights a module, text
// drawn in the built-in font reaches the display RAM where it was drawn (checked as
// pixel art, not against the font's own table), at any row, and the error paths: a
// frame of the wrong size, no display, a bus that does not work.
public class Ssd1306Tests
{
    private static (Ssd1306<I2cBus> Display, Ssd1306Model Model, I2cBus Bus) Setup()
    {
        var bus = new I2cBus();
        Ssd1306Model model = bus.Attach(0x3C, new Ssd1306Model());
        return (new Ssd1306<I2cBus>(bus, new byte[Ssd1306.FrameBytes]), model, bus);
    }

    [Fact]
    public void InitialiseLightsTheModuleAndClearsIt()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, _) = Setup();

        Assert.Equal(Error.Ok, display.Initialise());

        Assert.True(model.Lit);
        Assert.True(model.SegmentRemap);
        Assert.True(model.ComScanReversed);
        Assert.Equal(0xCF, model.Contrast);
        Assert.Empty(model.UnknownCommands);
        Assert.Equal(Ssd1306.FrameBytes, model.DataBytes);
        Assert.False(model.Pixel(0, 0));
    }

    // "H1" in the 5×7 font, each character with its blank column, as a reader sees it.
    private static readonly string[] HOne =
    [
        "#...#...#..",
        "#...#..##..",
        "#...#...#..",
        "#####...#..",
        "#...#...#..",
        "#...#...#..",
        "#...#..###.",
    ];

    [Fact]
    public void TextReachesTheDisplayWhereItWasDrawn()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, _) = Setup();
        Assert.Equal(Error.Ok, display.Initialise());

        int end = display.DrawText(2, 3, "H1");
        Assert.Equal(2 + 2 * Font5x7.Advance, end);
        Assert.Equal(Error.Ok, display.Show());

        Assert.Equal(HOne, model.Art(2, 3, 11, 7));
        Assert.False(model.Pixel(1, 3));
        Assert.False(model.Pixel(2, 2));
    }

    // A reading's digits, drawn one at a time (no string to build), land where the same
    // text would.
    [Fact]
    public void CharactersDrawnOneByOneLandAsTheirText()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, _) = Setup();
        Assert.Equal(Error.Ok, display.Initialise());

        int x = display.DrawCharacter(2, 3, 'H');
        Assert.Equal(2 + Font5x7.Advance, x);
        Assert.Equal(2 + 2 * Font5x7.Advance, display.DrawCharacter(x, 3, '1'));
        Assert.Equal(Error.Ok, display.Show());

        Assert.Equal(HOne, model.Art(2, 3, 11, 7));
    }

    [Fact]
    public void ShowSendsTheWholeFrameInOrderAcrossPages()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, _) = Setup();
        Assert.Equal(Error.Ok, display.Initialise());

        display.SetPixel(127, 0, true);
        display.SetPixel(0, 8, true);
        display.SetPixel(127, 63, true);
        display.SetPixel(128, 0, true);  // off the display: ignored
        display.SetPixel(-1, 5, true);
        Assert.Equal(Error.Ok, display.Show());

        Assert.True(model.Pixel(127, 0));
        Assert.True(model.Pixel(0, 8));
        Assert.True(model.Pixel(127, 63));
        Assert.False(model.Pixel(0, 0));
        Assert.True(display.GetPixel(127, 63));
        Assert.False(display.GetPixel(128, 0));
    }

    [Fact]
    public void CharactersOutsideTheFontAreDrawnAsAQuestionMark()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, _) = Setup();
        Assert.Equal(Error.Ok, display.Initialise());

        display.DrawText(0, 0, "\u00b0");
        display.DrawText(0, 8, "?");
        Assert.Equal(Error.Ok, display.Show());

        Assert.Equal(model.Art(0, 8, 6, 8), model.Art(0, 0, 6, 8));
        Assert.Contains(model.Art(0, 0, 6, 8), row => row.Contains('#'));
    }

    [Fact]
    public void AFrameOfTheWrongSizeIsInvalidArgumentAndNothingIsSent()
    {
        var bus = new I2cBus();
        bus.Attach(0x3C, new Ssd1306Model());
        var display = new Ssd1306<I2cBus>(bus, new byte[512]);

        Assert.Equal(Error.InvalidArgument, display.Initialise());
        Assert.Equal(Error.InvalidArgument, display.Show());
        Assert.Empty(bus.Log);
    }

    [Fact]
    public void NoDisplayOrNoBusGivesTheBusError()
    {
        Assert.Equal(Error.Nack, new Ssd1306<I2cBus>(new I2cBus(), new byte[Ssd1306.FrameBytes], address: 0x3D).Initialise());
        Assert.Equal(Error.Timeout, new Ssd1306<I2cBus>(new I2cBus { Failure = Error.Timeout }, new byte[Ssd1306.FrameBytes]).Show());
    }

    [Fact]
    public void SetContrastIsOneCommand()
    {
        (Ssd1306<I2cBus> display, Ssd1306Model model, I2cBus bus) = Setup();

        Assert.Equal(Error.Ok, display.SetContrast(0x10));

        Assert.Equal(0x10, model.Contrast);
        Assert.Equal(["3c W 008110"], bus.Log);
    }
}
