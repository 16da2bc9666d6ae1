// The trap, on the host: userlib's IPC wrappers (compiled here unchanged) call
// Syscall.Invoke, which this file provides instead of the target's `svc`. It loads the
// calling task's registers, runs the portable kernel's system call, and switches host
// threads as the kernel switches tasks: each task runs on a host thread of its own, and
// exactly one runs at a time, the kernel's current one. The task library's IPC buffer
// pointer (Task.s_ipcBuffer, set on the target by keel_task_start) follows the switch.
using System;
using System.Reflection;
using System.Threading;
using Keel.Kernel;
using Keel.Kernel.Tests;
using Task = Keel.UserLib.Task;

namespace Keel.UserLib
{
    public static class Syscall
    {
        public static ThreadRegisters Invoke(uint number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
            Generators.Tests.KernelHost.Trap(number, r4, r5, r6, r7, r8, r9, r10);

        public static ThreadRegisters Invoke(SyscallNumber number, uint r4 = 0, uint r5 = 0, uint r6 = 0, uint r7 = 0, uint r8 = 0, uint r9 = 0, uint r10 = 0) =>
            Invoke((uint)number, r4, r5, r6, r7, r8, r9, r10);
    }
}

namespace Keel.Generators.Tests
{
    public sealed unsafe class KernelHost : IDisposable
    {
        public readonly Sim Sim;
        private readonly SemaphoreSlim[] _turn;
        private readonly Action[] _tasks;
        private readonly ManualResetEventSlim _finished = new ManualResetEventSlim(false);
        private Exception? _failure;

        private static KernelHost? s_running;
        [ThreadStatic] private static int t_task;

        private static readonly delegate* unmanaged<uint*, void> s_setIpcBuffer =
            (delegate* unmanaged<uint*, void>)typeof(Task).GetMethod("SetIpcBuffer", BindingFlags.NonPublic | BindingFlags.Static)!
                .MethodHandle.GetFunctionPointer();

        // `priorities[i]` is task i's kernel level (the higher runs first, unlike app.toml's
        // numbers, which the port inverts); CSpaces and objects as Sim makes them.
        public KernelHost(params byte[] priorities)
        {
            Sim = new Sim(threads: priorities.Length, priorityLevels: 4);
            for (int i = 0; i < priorities.Length; i++)
                Sim.T(i).Priority = priorities[i];
            _turn = new SemaphoreSlim[priorities.Length];
            _tasks = new Action[priorities.Length];
            for (int i = 0; i < priorities.Length; i++)
                _turn[i] = new SemaphoreSlim(0);
        }

        public void Task(int task, Action body) => _tasks[task] = body;

        // Runs the tasks until `until` ends its body (the others may stay blocked in the
        // kernel for ever, as servers do). Fails on a task's exception or a deadlock.
        public void Run(int until, TimeSpan? limit = null)
        {
            if (Interlocked.CompareExchange(ref s_running, this, null) != null)
                throw new InvalidOperationException("one KernelHost runs at a time");
            try
            {
                for (int i = 0; i < _tasks.Length; i++)
                {
                    if (_tasks[i] == null)
                        continue;
                    int task = i;
                    var thread = new Thread(() => Body(task, until)) { IsBackground = true, Name = $"task {task}" };
                    thread.Start();
                    Kernel.Kernel.StartThread(ref Sim.K, task);
                }
                int first = Kernel.Kernel.Schedule(ref Sim.K);
                Resume(first);
                if (!_finished.Wait(limit ?? TimeSpan.FromSeconds(20)))
                    throw new TimeoutException($"task {until} did not finish: the tasks deadlocked (current {Sim.K.Current})");
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
            _turn[task].Wait();
            try
            {
                _tasks[task]();
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
            s_setIpcBuffer(Sim.Buffer(task));
            _turn[task].Release();
        }

        internal static ThreadRegisters Trap(uint number, uint r4, uint r5, uint r6, uint r7, uint r8, uint r9, uint r10)
        {
            KernelHost host = s_running ?? throw new InvalidOperationException("a system call outside KernelHost.Run");
            int me = t_task;
            ref ThreadRegisters regs = ref host.Sim.T(me).Regs;
            regs.R4 = r4; regs.R5 = r5; regs.R6 = r6; regs.R7 = r7; regs.R8 = r8; regs.R9 = r9; regs.R10 = r10;
            regs.R11 = number;
            int next = Kernel.Kernel.Syscall(ref host.Sim.K, me);
            if (next != me)
            {
                host.Resume(next);
                host._turn[me].Wait();
            }
            return host.Sim.T(me).Regs;
        }

        public void Dispose()
        {
            _finished.Dispose();
        }
    }
}
