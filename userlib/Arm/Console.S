@ Where a task's console text goes (Console.cs): keel_console_write, by default the
@ kernel's debug console. Weak, so that a task whose generated Caps.g.cs gives its
@ console to a USART driver (console = "<task>" in app.toml) defines the strong
@ symbol, which the task's link (Keel.Task.targets, ld -r) takes instead of this one.
    .syntax unified
    .thumb
    .text

    .weak keel_console_write
    .type keel_console_write, %function
    .thumb_func
keel_console_write:
    b keel_debug_console_write
    .size keel_console_write, . - keel_console_write
