// Status codes returned by every system call in r4.
//
// Design: one flat enumeration shared by all invocations, so that user code
// needs a single decoder and so that docs/ipc.md can list every code in one
// table. A non-zero status always means "nothing happened": an invocation
// checks its capability index, the capability's type, its rights and its
// arguments before it changes any state (rule 16), and reports the first
// check that failed, in that order. Statuses that are not errors of the
// caller (WouldBlock, Cancelled) likewise leave every object as it was.
//
// The codes are part of the ABI: never renumber them.

namespace Keel.Kernel;

public enum Error : uint
{
    /// <summary>The invocation was carried out.</summary>
    Ok = 0,

    /// <summary>A capability index lies outside the caller's CSpace.</summary>
    InvalidIndex = 1,

    /// <summary>A capability index names an empty slot.</summary>
    EmptySlot = 2,

    /// <summary>The capability is of the wrong type for this invocation.</summary>
    WrongType = 3,

    /// <summary>The capability lacks a right this invocation needs.</summary>
    MissingRight = 4,

    /// <summary>The message info asks for more message words than a message can hold.</summary>
    MessageTooLong = 5,

    /// <summary>An argument other than a capability index is not acceptable (rights mask, badge).</summary>
    InvalidArgument = 6,

    /// <summary>The destination slot of a CSpace operation is not empty.</summary>
    SlotOccupied = 7,

    /// <summary>A non-blocking receive found no sender, or a non-blocking call found no receiver.</summary>
    WouldBlock = 8,

    /// <summary>The thread's blocked IPC was cancelled because a supervisor suspended it.</summary>
    Cancelled = 9,

    /// <summary>The system description does not allow the caller this platform call (docs/abi.md).</summary>
    NotPermitted = 10,

    /// <summary>
    /// The capability the thread's blocked IPC went through was deleted (Delete, or Revoke of
    /// a capability it derives from) before the IPC could happen; the IPC did not happen.
    /// </summary>
    Revoked = 11,

    /// <summary>Wait or Poll on a notification bound to another thread, whose Recv it belongs to.</summary>
    BoundToAnotherThread = 12,

    // Statuses of servers, from 64 up. The kernel never returns them: a server built on a
    // typed IPC interface (docs/drivers.md) answers them in its reply's label, and the
    // generated client hands them on, so a task tells every failure apart with one enum.

    /// <summary>The server has no operation with the message's label.</summary>
    UnknownOperation = 64,

    /// <summary>The message's length, capabilities or arguments do not match the operation.</summary>
    MalformedMessage = 65,

    /// <summary>The caller's badge does not give it the pin, peripheral or resource it named.</summary>
    NotOwned = 66,

    /// <summary>A buffer is longer than the operation or the device accepts.</summary>
    TooLong = 67,

    /// <summary>The device reported a bus error (an I2C arbitration loss or misplaced start or stop, an SPI mode fault).</summary>
    BusError = 68,

    /// <summary>An I2C device did not acknowledge its address or a byte.</summary>
    Nack = 69,

    /// <summary>The device did not finish in the time the driver allows it.</summary>
    Timeout = 70,

    /// <summary>The resource is taken (a pin's interrupt line subscribed by another client, a full buffer).</summary>
    Busy = 71,
    // Statuses of device drivers (devices/Keel.Devices, docs/devices.md), which run in a
    // task over a driver's client and hand its statuses on with their own.
    /// <summary>The part that answered is not the one the device driver drives (its identification differs).</summary>
    WrongDevice = 72,
    /// <summary>The part refused to change its memory: its write protection is on.</summary>
    WriteProtected = 73,
}

/// <summary>
/// The name of each status as this file spells it, for consoles and logs: a task prints
/// "EmptySlot", not 2 (userlib's Console.Write(Error)). UTF-8 literals, so the names lie
/// in flash and cost a task no RAM.
/// </summary>
public static class ErrorNames
{
    public static System.ReadOnlySpan<byte> Name(Error error) => error switch
    {
        Error.Ok => "Ok"u8,
        Error.InvalidIndex => "InvalidIndex"u8,
        Error.EmptySlot => "EmptySlot"u8,
        Error.WrongType => "WrongType"u8,
        Error.MissingRight => "MissingRight"u8,
        Error.MessageTooLong => "MessageTooLong"u8,
        Error.InvalidArgument => "InvalidArgument"u8,
        Error.SlotOccupied => "SlotOccupied"u8,
        Error.WouldBlock => "WouldBlock"u8,
        Error.Cancelled => "Cancelled"u8,
        Error.NotPermitted => "NotPermitted"u8,
        Error.Revoked => "Revoked"u8,
        Error.BoundToAnotherThread => "BoundToAnotherThread"u8,
        Error.UnknownOperation => "UnknownOperation"u8,
        Error.MalformedMessage => "MalformedMessage"u8,
        Error.NotOwned => "NotOwned"u8,
        Error.TooLong => "TooLong"u8,
        Error.BusError => "BusError"u8,
        Error.Nack => "Nack"u8,
        Error.Timeout => "Timeout"u8,
        Error.Busy => "Busy"u8,
        Error.WrongDevice => "WrongDevice"u8,
        Error.WriteProtected => "WriteProtected"u8,
        _ => "UnknownError"u8,
    };
}
