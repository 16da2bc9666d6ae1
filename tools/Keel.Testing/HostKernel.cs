// A small kernel instance on the host: the portable kernel's pools filled as the boot
// code fills them from a system description (threads with their CSpaces and IPC
// buffers, endpoints, notifications, ready queues), and capabilities given as boot
// gives them. HostSystem runs tasks' code on it; Keel's own kernel tests
// (tests/Keel.Kernel.Tests' Sim) drive it system call by system call.
#nullable enable
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Keel.Kernel;

namespace Keel.Testing;

public unsafe class HostKernel
{
    public const int SlotsPerThread = 16;

    public KernelState K;

    // Pinned, so the threads' buffer pointers stay valid for the kernel's lifetime.
    private readonly List<uint[]> _buffers = new();

    public HostKernel(int threads = 4, int endpoints = 2, int notifications = 2, int priorityLevels = 4,
        uint timeSlice = 3, byte priority = 1, TickSignal[]? tickSignals = null)
    {
        K.Threads = new Tcb[threads];
        K.Endpoints = new Endpoint[endpoints];
        K.Notifications = new Notification[notifications];
        K.CNodes = new CNode[threads];
        K.Slots = new CapSlot[threads * SlotsPerThread];
        K.ReadyQueues = new ThreadQueue[priorityLevels];
        K.IrqBindings = new IrqBinding[8];
        K.TickSignals = tickSignals ?? Array.Empty<TickSignal>();
        K.TimeSliceTicks = timeSlice;
        for (int i = 0; i < threads; i++)
        {
            K.CNodes[i] = new CNode { FirstSlot = i * SlotsPerThread, SlotCount = SlotsPerThread };
            K.Threads[i].CSpace = i;
            K.Threads[i].Priority = priority;
            uint[] buffer = GC.AllocateArray<uint>(IpcBuffer.Words, pinned: true);
            K.Threads[i].IpcBuffer = (uint*)Marshal.UnsafeAddrOfPinnedArrayElement(buffer, 0);
            _buffers.Add(buffer);
        }
        Kernel.Kernel.Initialise(ref K);
        NoReceiveSlots();
    }

    public ref Tcb T(int thread) => ref K.Threads[thread];

    /// <summary>Slot <paramref name="index"/> of the thread's CSpace (which it may share with other threads).</summary>
    public ref Capability Slot(int thread, uint index) => ref K.Slots[SlotIndex(thread, index)].Cap;

    /// <summary>The pool slot of slot <paramref name="index"/> of the thread's CSpace.</summary>
    public int SlotIndex(int thread, uint index) => K.CNodes[T(thread).CSpace].FirstSlot + (int)index;

    public uint* Buffer(int thread) => K.Threads[thread].IpcBuffer;

    /// <summary>The threads' IPC buffers, in thread order (for snapshots of the whole state).</summary>
    protected IReadOnlyList<uint[]> Buffers => _buffers;

    /// <summary>Boot's part: a capability from nothing, a root of the derivation forest.</summary>
    public void Give(int thread, uint index, CapType type, int obj, Rights rights, uint badge = 0) =>
        Kernel.Kernel.InstallCapability(ref K, SlotIndex(thread, index), Capability.Create(type, obj, rights, badge));

    /// <summary>Every thread's receive slots are "none" (out of range) unless a test sets them.</summary>
    private void NoReceiveSlots()
    {
        for (int t = 0; t < K.Threads.Length; t++)
            for (int i = 0; i < IpcBuffer.MaxExtraCaps; i++)
                Buffer(t)[IpcBuffer.ReceiveSlots + i] = uint.MaxValue;
    }

    public void Start(params int[] threads)
    {
        foreach (int t in threads)
            Kernel.Kernel.StartThread(ref K, t);
        Kernel.Kernel.Schedule(ref K);
    }

    public void StartAll()
    {
        for (int t = 0; t < K.Threads.Length; t++)
            Kernel.Kernel.StartThread(ref K, t);
        Kernel.Kernel.Schedule(ref K);
    }
}
