// What a capability to the sys task gives (docs/drivers.md, "sys"): a GPIO port and a
// mask of its pins, and a peripheral whose clock and reset its holder controls, all in
// the capability's badge. In a file of its own, without dependencies, because the build
// tool compiles it too: it mints the badges of the drivers' sys capabilities from
// their configuration in app.toml (tools/Keel.BuildTool/SystemDescription/DriverConfigChecker.cs),
// with this layout and these numbers, so the two cannot disagree.
namespace Keel.Drivers
{
    // A GPIO port, numbered as its register block lies after GPIOA's (0x400 apart).
    public enum Port : byte
    {
        A = 0,
        B = 1,
        C = 2,
        D = 3,
        E = 4,
        H = 7,
    }

    // The peripherals whose clock and reset sys controls for a client whose badge names
    // them. 0 is none. Numbers are part of the badge, so they are never reused.
    public enum Peripheral : byte
    {
        None = 0,
        Tim2 = 1,
        Tim3 = 2,
        Tim4 = 3,
        Tim5 = 4,
        Usart1 = 5,
        Usart6 = 6,
        I2c1 = 7,
        I2c2 = 8,
        I2c3 = 9,
        Spi1 = 10,
        Spi2 = 11,
        Spi3 = 12,
    }

    // The layout of a sys capability's badge: bits 0-15 a mask of pins of one port,
    // bits 16-18 that port, bits 19-23 a Peripheral. Badges are 28 bits; 24-27 are 0.
    public static class SysBadge
    {
        public const int PortShift = 16;
        public const int PeripheralShift = 19;
        public const uint PeripheralMask = 0x1F;

        public static uint For(Port port, ushort pins, Peripheral peripheral = Peripheral.None) =>
            pins | ((uint)port << PortShift) | ((uint)peripheral << PeripheralShift);

        public static ushort Pins(uint badge) => (ushort)badge;

        public static Port PortOf(uint badge) => (Port)((badge >> PortShift) & 0x7);

        public static Peripheral PeripheralOf(uint badge) => (Peripheral)((badge >> PeripheralShift) & PeripheralMask);
    }
}
