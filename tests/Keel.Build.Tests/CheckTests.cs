// Every check of a system description, each on a minimal app with exactly one mistake
// (one edit of ValidApp), asserting the exact message: the single error the mistake
// must produce, naming the section and the field. A final test makes sure a file with
// several mistakes reports all of them.
using Keel.BuildTool.SystemDescription;

namespace Keel.Build.Tests;

public class CheckTests
{
    private const string ValidApp = """
        name = "t"
        board = "netduinoplus2"

        [kernel]
        flash = 65536
        ram = 16384
        stack = 2048

        [endpoints]
        faults = {}

        [notifications]
        timer = {}

        [tasks.solo]
        project = "Solo.csproj"
        priority = 0
        stack = 1024
        flash = 16384
        ram = 4096
        """;

    private const string SoloProject = "Solo.csproj";

    // A second task, for the checks that involve two.
    private const string OtherTask = """

        [tasks.other]
        project = "Solo.csproj"
        priority = 1
        stack = 1024
        flash = 16384
        ram = 4096
        """;

    [Fact]
    public void Valid_app_has_no_errors() => Assert.Empty(TestApps.Errors(ValidApp, SoloProject));

    [Theory]
    // TOML syntax, reported with Tomlyn's own message and the position.
    [InlineData("name = \"t\"", "name = ", "Unexpected token end-of-line found while expecting a value")]
    [InlineData("ram = 4096", "ram = 4096\nram = 8192", "The key `tasks.solo.ram` is already defined at (20,1) with `ram = 4096` and cannot be redefined")]
    // Unknown fields, at every level.
    [InlineData("name = \"t\"", "nmae = \"t\"", "top level: field 'name' is missing", "top level: unknown field 'nmae' (did you mean 'name'?)")]
    [InlineData("stack = 2048", "stack = 2048\ntick_hz = 100", "kernel: unknown field 'tick_hz' (did you mean 'tick-hz'?)")]
    [InlineData("faults = {}", "faults = { depth = 1 }", "endpoint 'faults': unknown field 'depth'")]
    [InlineData("timer = {}", "timer = { period = 5 }", "notification 'timer': unknown field 'period'")]
    [InlineData("priority = 0", "prority = 0", "task 'solo': field 'priority' is missing", "task 'solo': unknown field 'prority' (did you mean 'priority'?)")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\", bagde = 1 }]", "task 'solo': irqs[0]: unknown field 'bagde' (did you mean 'badge'?)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"faults\", right = [\"read\"] }", "task 'solo': cap 'f': unknown field 'right' (did you mean 'rights'?)")]
    [InlineData("priority = 0", "priorty = 0", "task 'solo': field 'priority' is missing", "task 'solo': unknown field 'priorty' (did you mean 'priority'?)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.cap]\nf = { endpoint = \"faults\" }", "task 'solo': unknown field 'cap' (did you mean 'caps'?)")]
    [InlineData("priority = 0", "Priority = 0", "task 'solo': field 'priority' is missing", "task 'solo': unknown field 'Priority' (did you mean 'priority'?)")]
    // Missing fields.
    [InlineData("board = \"netduinoplus2\"", "", "top level: field 'board' is missing")]
    [InlineData("[kernel]\nflash = 65536\nram = 16384\nstack = 2048", "", "top level: field 'kernel' is missing")]
    [InlineData("ram = 4096", "", "task 'solo': field 'ram' is missing")]
    // Types.
    [InlineData("priority = 0", "priority = \"high\"", "task 'solo': field 'priority': expected an integer, found a string")]
    [InlineData("board = \"netduinoplus2\"", "board = 2", "top level: field 'board': expected a string, found an integer")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = \"usart2\"", "task 'solo': field 'peripherals': expected an array, found a string")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [2]", "task 'solo': field 'peripherals': element 0: expected a string, found an integer")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = 37", "task 'solo': field 'irqs': expected an array of tables, found an integer")]
    [InlineData("faults = {}", "faults = 1", "endpoints: field 'faults': expected a table, found an integer")]
    [InlineData("stack = 2048", "stack = 2048\nunprivileged-irq-trigger = \"yes\"", "kernel: field 'unprivileged-irq-trigger': expected a boolean, found a string")]
    [InlineData("stack = 2048", "stack = 2048\nunprivileged-irq-trigger = 1", "kernel: field 'unprivileged-irq-trigger': expected a boolean, found an integer")]
    [InlineData("stack = 2048", "stack = 2048\ndebug-invariants = \"on\"", "kernel: field 'debug-invariants': expected a boolean, found a string")]
    [InlineData("stack = 2048", "stack = 2048\ndebug-invariants = 0", "kernel: field 'debug-invariants': expected a boolean, found an integer")]
    [InlineData("stack = 2048", "stack = 2048\ndebug-invariant = true", "kernel: unknown field 'debug-invariant' (did you mean 'debug-invariants'?)")]
    [InlineData("timer = {}", "timer = { every-ticks = \"5\" }", "notification 'timer': field 'every-ticks': expected an integer, found a string")]
    [InlineData("ram = 4096", "ram = 4096\nbound-notification = 1", "task 'solo': field 'bound-notification': expected a string, found an integer")]
    // Board and project.
    [InlineData("board = \"netduinoplus2\"", "board = \"nope\"", "top level: field 'board': no board 'nope' (expected a folder boards/nope/ beside app.toml, or one of Keel's, with board.props; known boards: netduinoplus2, nucleo-f401re)")]
    [InlineData("project = \"Solo.csproj\"", "project = \"Missing.csproj\"", "task 'solo': field 'project': Missing.csproj does not exist")]
    // Kernel values.
    [InlineData("stack = 2048", "stack = 32768", "kernel: field 'stack': 32768 is larger than the kernel's ram (16384)")]
    [InlineData("stack = 2048", "stack = 2050", "kernel: field 'stack': 2050 is not a multiple of 8")]
    [InlineData("flash = 65536", "flash = 0", "kernel: field 'flash': 0 is out of range 1..4294967295")]
    [InlineData("stack = 2048", "stack = 2048\ntick-hz = 0", "kernel: field 'tick-hz': 0 is out of range 1..4294967295")]
    [InlineData("stack = 2048", "stack = 2048\ntime-slice-ticks = -1", "kernel: field 'time-slice-ticks': -1 is out of range 1..4294967295")]
    // Tick signals.
    [InlineData("timer = {}", "timer = { every-ticks = 0 }", "notification 'timer': field 'every-ticks': 0 is out of range 1..4294967295")]
    [InlineData("timer = {}", "timer = { every-ticks = 4294967296 }", "notification 'timer': field 'every-ticks': 4294967296 is out of range 1..4294967295")]
    [InlineData("timer = {}", "timer = { every-ticks = 5, badge = 0 }", "notification 'timer': field 'badge': 0 is out of range 1..268435455")]
    [InlineData("timer = {}", "timer = { every-ticks = 5, badge = 268435456 }", "notification 'timer': field 'badge': 268435456 is out of range 1..268435455")]
    [InlineData("timer = {}", "timer = { badge = 1 }", "notification 'timer': field 'badge': given without 'every-ticks' (only a tick signal has a badge)")]
    [InlineData("timer = {}", "timer = { badge = 0 }", "notification 'timer': field 'badge': given without 'every-ticks' (only a tick signal has a badge)")]
    // Task values.
    [InlineData("priority = 0", "priority = 32", "task 'solo': field 'priority': 32 is out of range 0..31")]
    [InlineData("priority = 0", "priority = -1", "task 'solo': field 'priority': -1 is out of range 0..31")]
    [InlineData("ram = 4096", "ram = 3000", "task 'solo': field 'ram': 3000 is not a power of two")]
    [InlineData("flash = 16384", "flash = 512", "task 'solo': field 'flash': 512 is smaller than 1024, the smallest task region")]
    [InlineData("stack = 1024", "stack = 1001", "task 'solo': field 'stack': 1001 is not a multiple of 8")]
    [InlineData("stack = 1024", "stack = 8192", "task 'solo': field 'stack': 8192 bytes of stack and the 72-byte IPC buffer do not fit in 4096 bytes of ram")]
    [InlineData("stack = 1024", "stack = 4096", "task 'solo': field 'stack': 4096 bytes of stack and the 72-byte IPC buffer do not fit in 4096 bytes of ram")]
    [InlineData("stack = 1024", "stack = 4032", "task 'solo': field 'stack': 4032 bytes of stack and the 72-byte IPC buffer do not fit in 4096 bytes of ram")]
    [InlineData("stack = 1024", "stack = 0", "task 'solo': field 'stack': 0 is not positive")]
    // Peripherals and MPU regions.
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"usart9\"]", "task 'solo': field 'peripherals': board 'netduinoplus2' has no peripheral 'usart9'")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"usart2\", \"usart2\"]", "task 'solo': field 'peripherals': 'usart2' is granted twice")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"gpioa\", \"gpiob\", \"gpioc\", \"gpiod\", \"gpioe\", \"gpiof\"]", "task 'solo': needs 8 MPU regions (flash, ram and 6 peripherals) but a task has 7 (the MPU's 8, less the kernel's stack guard)")]
    // Peripherals the task is trusted with: each must be one of its peripherals, once
    // (whether a trust is needed is IsolationTests').
    [InlineData("ram = 4096", "ram = 4096\ntrusted-peripherals = [\"rcc\"]", "task 'solo': field 'trusted-peripherals': 'rcc' is not in the task's peripherals")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"rcc\"]\ntrusted-peripherals = [\"rcc\", \"rcc\"]", "task 'solo': field 'trusted-peripherals': 'rcc' is listed twice")]
    [InlineData("ram = 4096", "ram = 4096\ntrusted-peripherals = \"rcc\"", "task 'solo': field 'trusted-peripherals': expected an array, found a string")]
    // Platform calls.
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"reboot\"]", "task 'solo': field 'platform-calls': no platform call 'reboot' (the calls a task may be allowed: halt, fastpath-count, check-invariants, digest, pend-irq; debug-write and exit are every task's)")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"exit\"]", "task 'solo': field 'platform-calls': no platform call 'exit' (the calls a task may be allowed: halt, fastpath-count, check-invariants, digest, pend-irq; debug-write and exit are every task's)")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"halt\", \"fastpath-count\", \"halt\"]", "task 'solo': field 'platform-calls': 'halt' is listed twice")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"check-invariants\"]", "task 'solo': field 'platform-calls': 'check-invariants' exists only in a debug image: it needs [kernel] debug-invariants = true")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"digest\"]", "task 'solo': field 'platform-calls': 'digest' exists only in a debug image: it needs [kernel] debug-invariants = true")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"pend-irq\"]", "task 'solo': field 'platform-calls': 'pend-irq' exists only in a debug image: it needs [kernel] debug-invariants = true")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = \"halt\"", "task 'solo': field 'platform-calls': expected an array, found a string")]
    // Interrupts.
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 82, notification = \"timer\" }]", "task 'solo': irqs[0]: field 'irq': 82 is out of range 0..81 (board 'netduinoplus2' has 82 interrupts)")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"uart\" }]", "task 'solo': irqs[0]: field 'notification': no notification 'uart'")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\", badge = -1 }]", "task 'solo': irqs[0]: field 'badge': -1 is out of range 1..268435455")]
    // Badge 0 would mean "not routed" to the kernel (IrqBinding): the interrupt would stay masked for good.
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\", badge = 0 }]", "task 'solo': irqs[0]: field 'badge': 0 is out of range 1..268435455")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\" }, { irq = 37, notification = \"timer\" }]", "task 'solo': irqs[1]: irq 37 is already delivered to task 'solo'")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\" }]" + OtherTask + "\nirqs = [{ irq = 37, notification = \"timer\" }]", "task 'other': irqs[0]: irq 37 is already delivered to task 'solo'")]
    // Capabilities.
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"nope\", rights = [\"read\"] }", "task 'solo': cap 'f': field 'endpoint': no endpoint 'nope'")]
    // Misspelt names: the one meant, suggested.
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nc = { endpoint = \"fault\", rights = [\"write\"] }", "task 'solo': cap 'c': field 'endpoint': no endpoint 'fault' (did you mean 'faults'?)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nt = { notification = \"timre\", rights = [\"read\"] }", "task 'solo': cap 't': field 'notification': no notification 'timre' (did you mean 'timer'?)")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timers\" }]", "task 'solo': irqs[0]: field 'notification': no notification 'timers' (did you mean 'timer'?)")]
    [InlineData("ram = 4096", "ram = 4096\nbound-notification = \"tmer\"", "task 'solo': field 'bound-notification': no notification 'tmer' (did you mean 'timer'?)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nw = { thread = \"sol\", rights = [\"write\"] }", "task 'solo': cap 'w': field 'thread': no task 'sol' (did you mean 'solo'?)")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"fault\"", "task 'solo': field 'fault-handler': no endpoint 'fault' (did you mean 'faults'?) (fault-handler names an entry of [endpoints])")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"usart22\"]", "task 'solo': field 'peripherals': board 'netduinoplus2' has no peripheral 'usart22' (did you mean 'usart2'?)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"wrte\"] }", "task 'solo': cap 'f': field 'rights': unknown right 'wrte' (did you mean 'write'?) (expected read, write, grant or grant-reply)")]
    [InlineData("ram = 4096", "ram = 4096\nplatform-calls = [\"hlt\"]", "task 'solo': field 'platform-calls': no platform call 'hlt' (did you mean 'halt'?) (the calls a task may be allowed: halt, fastpath-count, check-invariants, digest, pend-irq; debug-write and exit are every task's)")]
    [InlineData("board = \"netduinoplus2\"", "board = \"netduinoplus\"", "top level: field 'board': no board 'netduinoplus' (did you mean 'netduinoplus2'?) (expected a folder boards/netduinoplus/ beside app.toml, or one of Keel's, with board.props; known boards: netduinoplus2, nucleo-f401re)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nt = { notification = \"nope\", rights = [\"read\"] }", "task 'solo': cap 't': field 'notification': no notification 'nope'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nw = { thread = \"nope\", rights = [\"write\"] }", "task 'solo': cap 'w': field 'thread': no task 'nope'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nw = { thread = \"solo\", rights = [\"write\"], badge = 1 }", "task 'solo': cap 'w': field 'badge': thread caps take no badge")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nr = { irq = 37, rights = [\"write\"] }", "task 'solo': cap 'r': field 'irq': 37 is not one of the task's irqs (a task may only acknowledge its own interrupts)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nr = { irq = 37, rights = [\"write\"] }" + OtherTask + "\nirqs = [{ irq = 37, notification = \"timer\" }]", "task 'solo': cap 'r': field 'irq': 37 is not one of the task's irqs (a task may only acknowledge its own interrupts)")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\" }]\n[tasks.solo.caps]\nr = { irq = 37, rights = [\"write\"], badge = 0 }", "task 'solo': cap 'r': field 'badge': irq caps take no badge")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { rights = [\"read\"] }", "task 'solo': cap 'f': needs exactly one of 'endpoint', 'notification', 'thread' or 'irq'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"faults\", notification = \"timer\" }", "task 'solo': cap 'f': needs exactly one of 'endpoint', 'notification', 'thread' or 'irq'")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\" }]\n[tasks.solo.caps]\nf = { thread = \"solo\", irq = 37 }", "task 'solo': cap 'f': needs exactly one of 'endpoint', 'notification', 'thread' or 'irq'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"exec\"] }", "task 'solo': cap 'f': field 'rights': unknown right 'exec' (expected read, write, grant or grant-reply)")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"write\"], badge = 268435456 }", "task 'solo': cap 'f': field 'badge': 268435456 is out of range 0..268435455")]
    // CSpace size.
    [InlineData("ram = 4096", "ram = 4096\ncap-slots = 0", "task 'solo': field 'cap-slots': 0 is out of range 1..255")]
    [InlineData("ram = 4096", "ram = 4096\ncap-slots = 256", "task 'solo': field 'cap-slots': 256 is out of range 1..255")]
    [InlineData("ram = 4096", "ram = 4096\ncap-slots = 2\n[tasks.solo.caps]\nf = { endpoint = \"faults\" }\nt = { notification = \"timer\" }", "task 'solo': field 'cap-slots': 2 slots cannot hold the empty slot 0 and 2 caps (at least 3 needed)")]
    // Fault handler: an endpoint the kernel holds for the task, and the badge of its faults.
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"timer\"", "task 'solo': field 'fault-handler': no endpoint 'timer' (fault-handler names an entry of [endpoints])")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"f\"\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"write\", \"grant-reply\"], badge = 6 }", "task 'solo': field 'fault-handler': names the task's cap 'f', but the kernel now holds a task's fault capability itself, so that the task cannot send what its handler takes for a fault: write fault-handler = \"faults\" and fault-badge = 6, and remove cap 'f' unless the task sends through it (fault-handler names an entry of [endpoints])")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\nfault-badge = 0", "task 'solo': field 'fault-badge': 0 is out of range 1..268435455")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\nfault-badge = 268435456", "task 'solo': field 'fault-badge': 268435456 is out of range 1..268435455")]
    [InlineData("ram = 4096", "ram = 4096\nfault-badge = 3", "task 'solo': field 'fault-badge': is given without a fault-handler (the endpoint that receives the task's faults)")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\nfault-badge = 3" + OtherTask + "\nfault-handler = \"faults\"\nfault-badge = 3", "task 'other': field 'fault-badge': 3 is already the fault badge of task 'solo' on endpoint 'faults': its handler could not tell their faults apart")]
    [InlineData("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\nfault-badge = 1\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"write\"], badge = 1 }", "task 'solo': field 'fault-badge': 1 is the badge of task 'solo''s cap 'f' to endpoint 'faults': give the fault badge or the cap another (or leave fault-badge out, and the build picks a free one)")]
    [InlineData("ram = 4096", "ram = 4096\nbound-notification = \"faults\"", "task 'solo': field 'bound-notification': no notification 'faults'")]
    [InlineData("ram = 4096", "ram = 4096\nbound-notification = \"timer\"" + OtherTask + "\nbound-notification = \"timer\"", "task 'other': field 'bound-notification': notification 'timer' is already bound to task 'solo'")]
    // The board's memory.
    [InlineData("flash = 65536", "flash = 1048576", "top level: flash: the kernel and tasks need 1064960 bytes (including 0 bytes of alignment padding) but board 'netduinoplus2' has 1048576")]
    [InlineData("ram = 4096", "ram = 131072", "top level: ram: the kernel and tasks need 262144 bytes (including 114688 bytes of alignment padding) but board 'netduinoplus2' has 131072")]
    // Names.
    [InlineData("[tasks.solo]", "[tasks.Solo]", "task 'Solo': name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'")]
    [InlineData("[tasks.solo]", "[tasks.keel]", "task 'keel': 'keel' is the kernel's name on the console (its reports begin 'keel: '): give the task another name")]
    [InlineData("faults = {}", "2faults = {}", "endpoint '2faults': name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'")]
    [InlineData("timer = {}", "timer = {}\nfaults = {}", "notification 'faults': an endpoint has the same name")]
    [InlineData("[tasks.solo]", "[tasks.a_b]\nproject = \"Solo.csproj\"\npriority = 1\nstack = 1024\nflash = 16384\nram = 4096\n[tasks.a-b]", "task 'a-b': name gives the same identifiers as 'a_b'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nrx-ready = { endpoint = \"faults\" }\nrx_ready = { endpoint = \"faults\" }", "task 'solo': cap 'rx_ready': name gives the same identifiers as 'rx-ready'")]
    // Names whose identifiers the generated code already uses.
    [InlineData("[tasks.solo]", "[tasks.kernel]", "task 'kernel': name gives identifiers that clash with Layout.KernelFlashBase and the other kernel windows")]
    [InlineData("[tasks.solo]", "[tasks.self]", "task 'self': name gives identifiers that clash with Layout.SelfIndex")]
    [InlineData("[tasks.solo]", "[tasks.count]", "task 'count': name gives identifiers that clash with SystemTables.TaskCount")]
    [InlineData("[tasks.solo]", "[tasks.name]", "task 'name': name gives identifiers that clash with SystemTables.TaskName")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\ncaps = { endpoint = \"faults\" }", "task 'solo': cap 'caps': name gives identifiers that clash with the class Caps")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nslot-count = { endpoint = \"faults\" }", "task 'solo': cap 'slot-count': name gives identifiers that clash with Caps.SlotCount")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nfirst_free-slot = { endpoint = \"faults\" }", "task 'solo': cap 'first_free-slot': name gives identifiers that clash with Caps.FirstFreeSlot")]
    [InlineData("[tasks.solo]\nproject = \"Solo.csproj\"\npriority = 0\nstack = 1024\nflash = 16384\nram = 4096", "", "top level: no tasks (add at least one [tasks.<name>] section)")]
    public void Reports_the_mistake(string find, string replace, params string[] expected)
    {
        string toml = ValidApp.Replace(find, replace);
        Assert.NotEqual(ValidApp, toml);

        Assert.Equal(expected, TestApps.Errors(toml, SoloProject));
    }

    // Where each mistake is reported: the key it is about (a field's own key, inside an
    // inline table too), the section's key when a field is missing, the first line
    // when the whole file is concerned, and Tomlyn's own position for syntax errors.
    [Theory]
    [InlineData("name = \"t\"", "name = ", "(1,8): Unexpected token end-of-line found while expecting a value")]
    [InlineData("priority = 0", "priority = 99", "(17,1): task 'solo': field 'priority': 99 is out of range 0..31")]
    [InlineData("stack = 2048", "stack = 2049", "(7,1): kernel: field 'stack': 2049 is not a multiple of 8")]
    [InlineData("ram = 4096", "ram = 3000", "(20,1): task 'solo': field 'ram': 3000 is not a power of two")]
    [InlineData("ram = 4096", "ram = 4096\ncolour = \"red\"", "(21,1): task 'solo': unknown field 'colour'")]
    [InlineData("ram = 4096", "", "(15,8): task 'solo': field 'ram' is missing")]
    [InlineData("board = \"netduinoplus2\"", "", "(1,1): top level: field 'board' is missing")]
    [InlineData("timer = {}", "timer = { every-ticks = 0 }", "(13,11): notification 'timer': field 'every-ticks': 0 is out of range 1..4294967295")]
    [InlineData("faults = {}", "Faults = {}", "(10,1): endpoint 'Faults': name must start with a lower-case letter and use only lower-case letters, digits, '-' and '_'")]
    [InlineData("ram = 4096", "ram = 4096\nperipherals = [\"usart9\"]", "(21,1): task 'solo': field 'peripherals': board 'netduinoplus2' has no peripheral 'usart9'")]
    [InlineData("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"nope\" }]", "(21,21): task 'solo': irqs[0]: field 'notification': no notification 'nope'")]
    [InlineData("ram = 4096", "ram = 4096\n[tasks.solo.caps]\nf = { endpoint = \"nope\" }", "(22,7): task 'solo': cap 'f': field 'endpoint': no endpoint 'nope'")]
    [InlineData("flash = 65536", "flash = 2097152", "(1,1): top level: flash: the kernel and tasks need 2113536 bytes (including 0 bytes of alignment padding) but board 'netduinoplus2' has 1048576")]
    public void Reports_the_mistake_at_its_line_and_column(string find, string replace, string expected)
    {
        string toml = ValidApp.Replace(find, replace);
        Assert.NotEqual(ValidApp, toml);

        Assert.Equal(new[] { expected }, TestApps.Build(toml, SoloProject).Diagnostics.Select(diagnostic => $"({diagnostic.Position?.Line},{diagnostic.Position?.Column}): {diagnostic.Message}"));
    }

    [Fact]
    public void Stack_and_IPC_buffer_may_fill_the_ram() =>
        Assert.Empty(TestApps.Errors(ValidApp.Replace("stack = 1024", "stack = 4024"), SoloProject));

    [Fact]
    public void Thread_and_irq_caps_are_accepted() =>
        Assert.Empty(TestApps.Errors(
            ValidApp.Replace("ram = 4096", "ram = 4096\nirqs = [{ irq = 37, notification = \"timer\" }]\n[tasks.solo.caps]\nme = { thread = \"solo\", rights = [\"write\"] }\nrx = { irq = 37, rights = [\"write\"] }"),
            SoloProject));

    [Fact]
    public void Tick_signals_a_bound_notification_the_irq_trigger_and_invariant_checks_are_accepted() =>
        Assert.Empty(TestApps.Errors(
            ValidApp
                .Replace("stack = 2048", "stack = 2048\nunprivileged-irq-trigger = true\ndebug-invariants = true")
                .Replace("timer = {}", "timer = { every-ticks = 4294967295, badge = 268435455 }\ntick = { every-ticks = 1 }")
                .Replace("ram = 4096", "ram = 4096\nbound-notification = \"timer\""),
            SoloProject));

    // Every platform call a description may name, the debug ones in a debug image.
    [Fact]
    public void Every_platform_call_is_accepted_in_a_debug_image() =>
        Assert.Empty(TestApps.Errors(
            ValidApp
                .Replace("stack = 2048", "stack = 2048\ndebug-invariants = true")
                .Replace("ram = 4096", "ram = 4096\nplatform-calls = [\"halt\", \"fastpath-count\", \"check-invariants\", \"digest\"]"),
            SoloProject));

    // A task may send its own messages to the endpoint its faults go to, through a cap of
    // any name: the kernel marks its fault messages, which no message of the task's has.
    [Fact]
    public void A_task_may_hold_a_cap_to_its_fault_endpoint() =>
        Assert.Empty(TestApps.Errors(
            ValidApp.Replace("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\n[tasks.solo.caps]\nfaults = { endpoint = \"faults\", rights = [\"write\", \"grant-reply\"], badge = 1 }"),
            SoloProject));

    // Without fault-badge, each task gets the smallest badge free on its fault endpoint:
    // none is 0, none another task's or a cap's to that endpoint (issue 29: two tasks'
    // faults can never be confused).
    [Fact]
    public void Fault_badges_are_assigned_unique_and_nonzero()
    {
        string toml = ValidApp
            .Replace("faults = {}", "faults = {}\nother-faults = {}")
            .Replace("ram = 4096", "ram = 4096\nfault-handler = \"faults\"\n[tasks.solo.caps]\nf = { endpoint = \"faults\", rights = [\"write\"], badge = 1 }\ng = { endpoint = \"faults\", rights = [\"write\"] }")
            + OtherTask + "\nfault-handler = \"faults\"\nfault-badge = 2"
            + OtherTask.Replace("other", "third") + "\nfault-handler = \"faults\""
            + OtherTask.Replace("other", "fourth") + "\nfault-handler = \"other-faults\"";
        var (layout, diagnostics) = TestApps.Build(toml, SoloProject);

        Assert.Empty(diagnostics);
        Assert.Equal(
            new Dictionary<string, uint> { ["solo"] = 3, ["other"] = 2, ["third"] = 4, ["fourth"] = 1 },
            FaultBadges.Assign(layout!.App));
    }

    // --board replaces the file's board; a bad one is reported against the `board`
    // field, saying where the name came from.
    [Fact]
    public void Reports_an_unknown_board_given_by_the_option()
    {
        var (layout, diagnostics) = TestApps.BuildOnBoard("nope", ValidApp, SoloProject);

        Assert.Null(layout);
        Assert.Equal(
            new[] { "top level: field 'board': given by --board: no board 'nope' (expected a folder boards/nope/ beside app.toml, or one of Keel's, with board.props; known boards: netduinoplus2, nucleo-f401re)" },
            diagnostics.Select(diagnostic => diagnostic.Message));
    }

    [Fact]
    public void Reports_every_mistake_in_one_pass()
    {
        string toml = ValidApp
            .Replace("priority = 0", "priority = 99")
            .Replace("ram = 4096", "ram = 3000\ncolour = \"red\"")
            .Replace("stack = 2048", "stack = 2049");

        Assert.Equal(
            new[]
            {
                "task 'solo': unknown field 'colour'",
                "kernel: field 'stack': 2049 is not a multiple of 8",
                "task 'solo': field 'priority': 99 is out of range 0..31",
                "task 'solo': field 'ram': 3000 is not a power of two",
            },
            TestApps.Errors(toml, SoloProject));
    }
}
