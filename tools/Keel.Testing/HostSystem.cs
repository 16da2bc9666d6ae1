// Tasks' code on the host kernel: userlib's system calls (compiled here unchanged) trap
// into Syscall.Invoke, which this package provides instead of the target's `svc`
// (HostSyscall.cs). The trap loads the calling task's registers, runs the portable
// kernel's system call, and switches host threads as the kernel switches tasks: each
// task runs on a host thread of its own, and exactly one runs at a time, the kernel's
// current one. The task library's IPC buffer pointer (Task.s_ipcBuffer, set on the
// target by keel_task_start) follows the switch. Platform calls are the hardware
// layer's on the target; here the console's lands in Output.
//
// Priorities are app.toml's: 0 runs first.
#nullable enable
using System;
using System.Reflection;
using System.Text;
using System.Threading;
using Keel.Kernel;
using Task = Keel.UserLib.Task;

namespace Keel.Testing;

public sealed unsafe class HostSystem : IDisposable
{
    public readonly HostKernel Kernel;
    private readonly SemaphoreSlim[] _turn;
    private readonly Action?[] _tasks;
    private readonly ManualResetEventSlim _finished = new(false);
    private readonly StringBuilder _output = new();
    private Exception? _failure;

    private static HostSystem? s_running;
    [ThreadStatic] private static int t_task;
    // The system whose task runs on this thread (null on any other thread).
    [ThreadStatic] private static HostSystem? t_system;

    private static readonly delegate* unmanaged<uint*, void> s_setIpcBuffer =
        (delegate* unmanaged<uint*, void>)typeof(Task).GetMethod("SetIpcBuffer", BindingFlags.NonPublic | BindingFlags.Static)!
            .MethodHandle.GetFunctionPointer();

    // One task per entry of `priorities` (app.toml's numbers: 0 runs first, each below
    // `priorityLevels`), with `endpoints` endpoints and `notifications` notifications to
    // hand out with Give.
    public HostSystem(byte[] priorities, int endpoints = 2, int notifications = 2, int priorityLevels = 4)
    {
        Kernel = new HostKernel(threads: priorities.Length, endpoints, notifications, priorityLevels);
        for (int i = 0; i < priorities.Length; i++)
        {
            if (priorities[i] >= priorityLevels)
                throw new ArgumentOutOfRangeException(nameof(priorities), $"task {i}'s priority {priorities[i]} is not below {priorityLevels}");
            Kernel.T(i).Priority = (byte)(priorityLevels - 1 - priorities[i]);
        }
        _turn = new SemaphoreSlim[priorities.Length];
        _tasks = new Action?[priorities.Length];
        for (int i = 0; i < priorities.Length; i++)
            _turn[i] = new SemaphoreSlim(0);
    }

    // Slot `slot` of `task`'s CSpace: a capability to endpoint or notification number
    // `obj` (CapType.Endpoint, CapType.Notification) with `rights` and `badge`, as the
    // boot code gives what app.toml's caps tables say.
    public void Give(int task, uint slot, CapType type, int obj, Rights rights, uint badge = 0) =>
        Kernel.Give(task, slot, type, obj, rights, badge);

    public ref Capability Slot(int task, uint slot) => ref Kernel.Slot(task, slot);

    // What task `task` runs: its entry point's body.
    public void Task(int task, Action body) => _tasks[task] = body;

    // What the tasks printed through Console, in the order the kernel ran them.
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    // Runs the tasks until `until` ends its body (the others may stay blocked in the
    // kernel for ever, as servers do). Fails on a task's exception or a deadlock.
    public void Run(int until, TimeSpan? limit = null)
    {
        if (Interlocked.CompareExchange(ref s_running, this, null) != null)
            throw new InvalidOperationException("one HostSystem runs at a time");
        try
        {
            for (int i = 0; i < _tasks.Length; i++)
            {
                if (_tasks[i] == null)
                    continue;
                int task = i;
                var thread = new Thread(() => Body(task, until)) { IsBackground = true, Name = $"task {task}" };
                thread.Start();
                Keel.Kernel.Kernel.StartThread(ref Kernel.K, task);
            }
            int first = Keel.Kernel.Kernel.Schedule(ref Kernel.K);
            Resume(first);
            if (!_finished.Wait(limit ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"task {until} did not finish: the tasks deadlocked (current {Kernel.K.Current})");
            if (_failure != null)
                throw new Exception("a task failed", _failure);
        }
        finally
        {
            s_running = null;
        }
    }

    private void Body(int task, int until)
    {
        t_task = task;
        t_system = this;
        _turn[task].Wait();
        try
        {
            _tasks[task]!();
        }
        catch (Exception e)
        {
            _failure = e;
            _finished.Set();
            return;
        }
        if (task == until)
            _finished.Set();
        else
            _failure = new InvalidOperationException($"task {task} ended its body, which a server never does");
    }

    private void Resume(int task)
    {
        if (task == KernelState.NoThread)
        {
            _failure ??= new InvalidOperationException("every task is blocked");
            _finished.Set();
            return;
        }
        s_setIpcBuffer(Kernel.Buffer(task));
        _turn[task].Release();
    }

    // The console's platform call (HostSyscall.cs), answered as the hardware layer
    // answers it on the target: from a task's thread into its system's Output, from
    // any other (code tested without tasks, tests running beside a HostSystem) into
    // HostConsole.
    internal static void Write(string text)
    {
        HostSystem? host = t_system;
        if (host is null)
        {
            HostConsole.Append(text);
            return;
        }
        lock (host._output)
            host._output.Append(text);
    }

    // A task's trap (HostSyscall.cs).
    internal static ThreadRegisters Trap(uint number, uint r4, uint r5, uint r6, uint r7, uint r8, uint r9, uint r10)
    {
        HostSystem? host = s_running;
        if (number >= (uint)PlatformCallNumber.First)
            throw new NotSupportedException($"platform call 0x{number:x} is the hardware layer's: a host test has none but the console");
        if (host is null)
            throw new InvalidOperationException("a system call outside HostSystem.Run");
        int me = t_task;
        ref ThreadRegisters regs = ref host.Kernel.T(me).Regs;
        regs.R4 = r4; regs.R5 = r5; regs.R6 = r6; regs.R7 = r7; regs.R8 = r8; regs.R9 = r9; regs.R10 = r10;
        regs.R11 = number;
        int next = Keel.Kernel.Kernel.Syscall(ref host.Kernel.K, me);
        if (next != me)
        {
            host.Resume(next);
            host._turn[me].Wait();
        }
        return host.Kernel.T(me).Regs;
    }

    public void Dispose() => _finished.Dispose();
}
