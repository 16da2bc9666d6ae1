// The sys task's interface: the one task that owns RCC (clocks and resets), the GPIO
// ports and EXTI with SYSCFG (external interrupts), as Hubris's `sys` does, so that no
// other driver needs a peripheral that breaks isolation (docs/drivers.md).
//
// What a client may touch is in the badge of its capability to sys, minted in app.toml
// (SysBadge below): one GPIO port and a mask of its pins, and one peripheral whose
// clock and reset it controls. A client with pins on two ports, or two peripherals,
// holds two capabilities. Anything outside its badge is answered NotOwned and changes
// nothing.
using System;
using Keel.Kernel;
using Keel.UserLib;

namespace Keel.Drivers
{
    public enum PinMode : byte
    {
        Input = 0,
        Output = 1,
        Alternate = 2,
        Analog = 3,
    }

    public enum OutputType : byte
    {
        PushPull = 0,
        OpenDrain = 1,
    }

    public enum Pull : byte
    {
        None = 0,
        Up = 1,
        Down = 2,
    }

    [Flags]
    public enum Edge : byte
    {
        Rising = 1,
        Falling = 2,
        Both = Rising | Falling,
    }

    [IpcInterface]
    public interface ISys
    {
        // Gates on the clock of `peripheral`, then resets it (RCC's enable and reset
        // registers), leaving it in its reset state with its clock running.
        Error EnableClock(Peripheral peripheral);

        // Pulses the peripheral's reset: its registers return to their reset values.
        Error ResetPeripheral(Peripheral peripheral);

        // Sets the mode, output type, pull and alternate function (0-15, used in
        // Alternate mode) of every pin in `pins` on `port`.
        Error Configure(Port port, ushort pins, PinMode mode, OutputType type, Pull pull, byte alternateFunction);

        // Drives the pins in `high` high and those in `low` low, in one store (BSRR).
        Error Write(Port port, ushort high, ushort low);

        Error Toggle(Port port, ushort pins);

        // The input levels of the port's pins, those the caller does not own read as 0.
        Error Read(Port port, out ushort levels);

        // Routes `pin` of `port` to its EXTI line, interrupting on `edge`; each edge then
        // signals the notification capability the caller transfers (with the badge the
        // caller gave it). A line already subscribed by anyone is Busy.
        Error Subscribe(Port port, byte pin, Edge edge, [Transfer] uint notification);

        // Stops the line's interrupts and drops the notification capability.
        Error Unsubscribe(Port port, byte pin);
    }
}
