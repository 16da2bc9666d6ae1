// The sys task's logic: the one task that holds RCC, the GPIO ports, SYSCFG and EXTI
// (docs/drivers.md, "sys"). Those devices reach past the MPU (RCC stops any clock, the
// kernel console's included; GPIOA carries the console's pins; EXTI forges or masks any
// task's pin interrupts), so the build grants them to sys alone, as a trusted task, and
// this file is the whole of what sys does with them: small enough to audit line by line.
//
// Authority comes only from the badge of the capability a request came through
// (Caller.Badge, laid out by SysBadge): one GPIO port with a mask of its pins, and one
// peripheral. A request is checked in one order, and the first failure is answered
// with nothing written:
//   1. its arguments (a port the chip lacks, a pin over 15, an enum value out of range,
//      an alternate function over 15, a pin both raised and lowered, no edge, a
//      peripheral of none): InvalidArgument;
//   2. the caller's authority (a pin not in its badge, another port, another
//      peripheral, or the kernel console's pins PA2 and PA3, which no badge can give:
//      defence in depth behind the build, which already keeps USART2 and GPIOA from
//      every other task): NotOwned;
//   3. the state (an EXTI line someone already subscribed): Busy.
//
// Nothing here makes a system call: the kernel's part of a subscription (keeping,
// signalling the subscriber's notification, re-enabling an interrupt) goes through
// TKernel, and the registers through TRegisters, so the host tests drive the same code
// with fakes (tests/Keel.Drivers.Tests/SysTests.cs). Every GPIO port is reached through
// one block that covers them all (port n at n * 0x400), as the `gpio` grant does.
using Keel.Hal;
using Keel.Hal.Stm32f4;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public struct SysDriver<TRegisters, TKernel> : ISys
        where TRegisters : IRegisterBlock
        where TKernel : ISysKernel
    {
        // The kernel's console is USART2 on PA2 (TX) and PA3 (RX) on both boards
        // (board/*/Board.cs): no request may touch them, whatever its badge says.
        public const ushort ConsolePins = (1 << 2) | (1 << 3);
        public const Port ConsolePort = Port.A;

        private const int PinCount = Exti.PinLines;
        private const uint TwoBitField = 0x3;
        private const uint FourBitField = 0xF;
        private const uint PinLinesMask = 0xFFFF;

        private TRegisters _rcc;
        private TRegisters _gpio;
        private TRegisters _syscfg;
        private TRegisters _exti;
        private TKernel _kernel;

        // Slot firstLineSlot + n of sys's CSpace keeps the notification of line n's
        // subscriber, whose badge is _subscribers[n] (an array the caller provides: a
        // static one on the chip, built into the image).
        private readonly uint _firstLineSlot;
        private readonly uint[] _subscribers;
        private ushort _subscribedLines;

        public SysDriver(TRegisters rcc, TRegisters gpio, TRegisters syscfg, TRegisters exti, TKernel kernel, uint firstLineSlot, uint[] subscribers)
        {
            _rcc = rcc;
            _gpio = gpio;
            _syscfg = syscfg;
            _exti = exti;
            _kernel = kernel;
            _firstLineSlot = firstLineSlot;
            _subscribers = subscribers;
            _subscribedLines = 0;
        }

        public ushort SubscribedLines => _subscribedLines;

        // Once, before the first request: the clocks of every GPIO port and of SYSCFG,
        // which are sys's own to run (turned on, never off, never reset: GPIOA holds the
        // console's pins). The dummy read back is the delay RM0090's errata asks for
        // between enabling a clock and using the peripheral.
        public void Start()
        {
            uint ports = 0;
            for (int port = 0; port <= (int)Port.H; port++)
            {
                if (IsPort((Port)port))
                    ports |= Rcc.Ahb1GpioA << port;
            }
            _rcc.Write(Rcc.Ahb1EnrOffset, _rcc.Read(Rcc.Ahb1EnrOffset) | ports);
            _rcc.Write(Rcc.Apb2EnrOffset, _rcc.Read(Rcc.Apb2EnrOffset) | Rcc.Apb2Syscfg);
            _rcc.Read(Rcc.Apb2EnrOffset);
        }

        public Error EnableClock(Peripheral peripheral)
        {
            if (!Locate(peripheral, out uint enableOffset, out uint resetOffset, out uint bit))
                return Error.InvalidArgument;
            if (SysBadge.PeripheralOf(Caller.Badge) != peripheral)
                return Error.NotOwned;
            _rcc.Write(enableOffset, _rcc.Read(enableOffset) | bit);
            _rcc.Read(enableOffset);
            PulseReset(resetOffset, bit);
            return Error.Ok;
        }

        public Error ResetPeripheral(Peripheral peripheral)
        {
            if (!Locate(peripheral, out _, out uint resetOffset, out uint bit))
                return Error.InvalidArgument;
            if (SysBadge.PeripheralOf(Caller.Badge) != peripheral)
                return Error.NotOwned;
            PulseReset(resetOffset, bit);
            return Error.Ok;
        }

        public Error Configure(Port port, ushort pins, PinMode mode, OutputType type, Pull pull, byte alternateFunction)
        {
            if (!IsPort(port) || (uint)mode > (uint)PinMode.Analog || (uint)type > (uint)OutputType.OpenDrain
                || (uint)pull > (uint)Pull.Down || alternateFunction > FourBitField)
                return Error.InvalidArgument;
            if (!Owns(Caller.Badge, port, pins))
                return Error.NotOwned;

            uint twoBitMask = 0, modes = 0, pulls = 0, afrlMask = 0, afrl = 0, afrhMask = 0, afrh = 0;
            for (int pin = 0; pin < PinCount; pin++)
            {
                if ((pins & (1 << pin)) == 0)
                    continue;
                twoBitMask |= TwoBitField << (2 * pin);
                modes |= (uint)mode << (2 * pin);
                pulls |= (uint)pull << (2 * pin);
                int shift = 4 * (pin & 7);
                if (pin < 8)
                {
                    afrlMask |= FourBitField << shift;
                    afrl |= (uint)alternateFunction << shift;
                }
                else
                {
                    afrhMask |= FourBitField << shift;
                    afrh |= (uint)alternateFunction << shift;
                }
            }
            uint block = PortBlock(port);
            uint types = type == OutputType.OpenDrain ? pins : 0u;
            // Everything else first and the mode last, so a pin never drives with the
            // previous owner's output type, pull or function.
            Modify(block + GpioPort.OtyperOffset, pins, types);
            Modify(block + GpioPort.PupdrOffset, twoBitMask, pulls);
            if (mode == PinMode.Alternate)
            {
                Modify(block + GpioPort.AfrlOffset, afrlMask, afrl);
                Modify(block + GpioPort.AfrhOffset, afrhMask, afrh);
            }
            Modify(block + GpioPort.ModerOffset, twoBitMask, modes);
            return Error.Ok;
        }

        public Error Write(Port port, ushort high, ushort low)
        {
            if (!IsPort(port) || (high & low) != 0)
                return Error.InvalidArgument;
            if (!Owns(Caller.Badge, port, (ushort)(high | low)))
                return Error.NotOwned;
            if ((high | low) != 0)
                _gpio.Write(PortBlock(port) + GpioPort.BsrrOffset, high | ((uint)low << GpioPort.BsrrResetShift));
            return Error.Ok;
        }

        public Error Toggle(Port port, ushort pins)
        {
            if (!IsPort(port))
                return Error.InvalidArgument;
            if (!Owns(Caller.Badge, port, pins))
                return Error.NotOwned;
            if (pins == 0)
                return Error.Ok;
            uint block = PortBlock(port);
            uint levels = _gpio.Read(block + GpioPort.OdrOffset) & pins;
            // One BSRR store: the pins that were low are set, those that were high reset,
            // and no other pin of the port is touched.
            _gpio.Write(block + GpioPort.BsrrOffset, (pins & ~levels) | (levels << GpioPort.BsrrResetShift));
            return Error.Ok;
        }

        public Error Read(Port port, out ushort levels)
        {
            levels = 0;
            if (!IsPort(port))
                return Error.InvalidArgument;
            ushort owned = OwnedPins(Caller.Badge, port);
            if (owned == 0)
                return Error.NotOwned;
            uint inputs = _gpio.Read(PortBlock(port) + GpioPort.IdrOffset);
            levels = (ushort)(inputs & owned);
            return Error.Ok;
        }

        public Error Subscribe(Port port, byte pin, Edge edge, uint notification)
        {
            if (!IsPort(port) || pin >= PinCount || edge == 0 || (uint)edge > (uint)Edge.Both)
                return Error.InvalidArgument;
            uint badge = Caller.Badge;
            ushort line = (ushort)(1 << pin);
            if (!Owns(badge, port, line))
                return Error.NotOwned;
            if ((_subscribedLines & line) != 0)
                return Error.Busy;
            if (!_kernel.IsSignallableNotification(notification))
                return Error.InvalidArgument;
            Error kept = _kernel.Move(notification, _firstLineSlot + pin);
            if (kept != Error.Ok)
                return kept;
            _subscribers[pin] = badge;
            _subscribedLines |= line;

            // The port behind the line, its edges, any stale pending bit cleared, and
            // only then the line unmasked.
            uint exticr = Syscfg.Exticr1Offset + 4u * (uint)(pin / Syscfg.ExticrLinesPerRegister);
            int field = Syscfg.ExticrFieldBits * (pin % Syscfg.ExticrLinesPerRegister);
            _syscfg.Write(exticr, (_syscfg.Read(exticr) & ~(Syscfg.ExticrFieldMask << field)) | ((uint)port << field));
            SetLineBit(Exti.RtsrOffset, line, (edge & Edge.Rising) != 0);
            SetLineBit(Exti.FtsrOffset, line, (edge & Edge.Falling) != 0);
            _exti.Write(Exti.PrOffset, line);
            SetLineBit(Exti.ImrOffset, line, true);
            return Error.Ok;
        }

        public Error Unsubscribe(Port port, byte pin)
        {
            if (!IsPort(port) || pin >= PinCount)
                return Error.InvalidArgument;
            uint badge = Caller.Badge;
            ushort line = (ushort)(1 << pin);
            if (!Owns(badge, port, line) || (_subscribedLines & line) == 0 || _subscribers[pin] != badge)
                return Error.NotOwned;
            SetLineBit(Exti.ImrOffset, line, false);
            SetLineBit(Exti.RtsrOffset, line, false);
            SetLineBit(Exti.FtsrOffset, line, false);
            _exti.Write(Exti.PrOffset, line);
            _kernel.Delete(_firstLineSlot + pin);
            _subscribedLines &= (ushort)~line;
            _subscribers[pin] = 0;
            return Error.Ok;
        }

        // sys's bound notification was signalled with `word`: the OR of the badges of
        // the EXTI interrupts that fired (bit g for ExtiGroups group g). Clears every
        // pending pin line, signals the subscriber of each, then re-enables the
        // interrupts that fired (clearing first: EXTI holds its interrupt raised while a
        // line is pending). Returns the lines whose subscribers were signalled.
        public ushort HandleInterrupts(uint word)
        {
            uint pending = _exti.Read(Exti.PrOffset) & PinLinesMask;
            if (pending != 0)
                _exti.Write(Exti.PrOffset, pending);
            ushort signalled = (ushort)(pending & _subscribedLines);
            for (int pin = 0; pin < PinCount; pin++)
            {
                if ((signalled & (1 << pin)) != 0)
                    _kernel.Signal(_firstLineSlot + (uint)pin);
            }
            for (int group = 0; group < ExtiGroups.Count; group++)
            {
                if ((word & (1u << group)) != 0)
                    _kernel.AcknowledgeIrq(group);
            }
            return signalled;
        }

        // The ports both chips have (the Port enum: RM0368's F401 has A-E and H; the
        // F405 has these and F, G, I, which no badge can name).
        public static bool IsPort(Port port) =>
            port == Port.A || port == Port.B || port == Port.C || port == Port.D || port == Port.E || port == Port.H;

        // The pins of `port` the badge gives, less the console's.
        public static ushort OwnedPins(uint badge, Port port)
        {
            if (SysBadge.PortOf(badge) != port)
                return 0;
            ushort pins = SysBadge.Pins(badge);
            return port == ConsolePort ? (ushort)(pins & ~ConsolePins) : pins;
        }

        private static bool Owns(uint badge, Port port, ushort pins) => (pins & ~OwnedPins(badge, port)) == 0;

        private static uint PortBlock(Port port) => (uint)port * GpioPort.PortStride;

        // RCC's enable and reset register and bit of each peripheral a badge can name
        // (RM0090 6.3.5-6.3.14, RM0368 6.3.5-6.3.12: the same on both chips). USART2, the
        // kernel's console, is not among them, and neither is anything the kernel runs on.
        public static bool Locate(Peripheral peripheral, out uint enableOffset, out uint resetOffset, out uint bit)
        {
            bool apb2 = peripheral == Peripheral.Usart1 || peripheral == Peripheral.Usart6 || peripheral == Peripheral.Spi1;
            enableOffset = apb2 ? Rcc.Apb2EnrOffset : Rcc.Apb1EnrOffset;
            resetOffset = apb2 ? Rcc.Apb2RstrOffset : Rcc.Apb1RstrOffset;
            bit = peripheral switch
            {
                Peripheral.Tim2 => Rcc.Apb1Tim2,
                Peripheral.Tim3 => Rcc.Apb1Tim3,
                Peripheral.Tim4 => Rcc.Apb1Tim4,
                Peripheral.Tim5 => Rcc.Apb1Tim5,
                Peripheral.Usart1 => Rcc.Apb2Usart1,
                Peripheral.Usart6 => Rcc.Apb2Usart6,
                Peripheral.I2c1 => Rcc.Apb1I2c1,
                Peripheral.I2c2 => Rcc.Apb1I2c2,
                Peripheral.I2c3 => Rcc.Apb1I2c3,
                Peripheral.Spi1 => Rcc.Apb2Spi1,
                Peripheral.Spi2 => Rcc.Apb1Spi2,
                Peripheral.Spi3 => Rcc.Apb1Spi3,
                _ => 0u,
            };
            return bit != 0;
        }


        private void PulseReset(uint resetOffset, uint bit)
        {
            uint others = _rcc.Read(resetOffset) & ~bit;
            _rcc.Write(resetOffset, others | bit);
            _rcc.Write(resetOffset, others);
        }

        private void Modify(uint offset, uint mask, uint value)
        {
            if (mask != 0)
                _gpio.Write(offset, (_gpio.Read(offset) & ~mask) | (value & mask));
        }

        private void SetLineBit(uint offset, ushort line, bool set)
        {
            uint value = _exti.Read(offset);
            _exti.Write(offset, set ? value | line : value & ~(uint)line);
        }
    }
}
