// The attributes of a typed IPC interface (docs/drivers.md). A C# interface marked
// [IpcInterface] is the whole description of a protocol: Keel's interface generator
// (analyzers/Keel.Generators), which runs in every target project, writes a client
// struct (one method per operation over an endpoint capability) and a server class
// (decoding, dispatch to an implementation, reply) beside it. The attributes carry no
// code: the generator reads them from the source.
using System;

namespace Keel.UserLib
{
    // Marks an interface whose methods are the operations of an IPC protocol. Each
    // method returns Error; its label is its position in the interface (1, 2, ...), so
    // operations are only ever appended.
    [AttributeUsage(AttributeTargets.Interface, Inherited = false)]
    public sealed class IpcInterfaceAttribute : Attribute { }

    // The longest a ReadOnlySpan<byte> or Span<byte> parameter may be, in bytes. Every
    // span parameter needs one: the generator checks at build time that the longest
    // request and reply fit in a message (16 words).
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class MaxLengthAttribute : Attribute
    {
        public MaxLengthAttribute(int bytes) { }
    }

    // A uint parameter that is a capability slot of the caller: the capability in it
    // travels with the request (the caller's endpoint capability needs Grant), and the
    // server's implementation receives the slot where it landed in the server's CSpace.
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    public sealed class TransferAttribute : Attribute { }
}

namespace Keel.UserLib
{
    // Who sent the request a server is handling: the generated server sets it before it
    // calls the implementation, which reads it to tell its clients apart (a badge is
    // minted per client in app.toml, or by whoever granted the capability).
    public static class Caller
    {
        public static uint Badge;
    }
}
