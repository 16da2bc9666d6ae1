@ keel_enum_name for a task that formats no enum in its own sources: the enum-name
@ generator (analyzers/Keel.Generators/EnumNameGenerator.cs) writes the real one only
@ where the task's code has an enum hole, so that other tasks carry no name tables.
@ This weak one answers every value "no name, unsigned" (EnumText.UnnamedUnsigned), and
@ a hole of an enum that only a library formats prints its number.
    .syntax unified
    .thumb
    .text

    .weak keel_enum_name
    .type keel_enum_name, %function
    .thumb_func
keel_enum_name:
    mvn r0, #1
    bx lr
    .size keel_enum_name, . - keel_enum_name
