@ The test-case selection block (userlib/TestSelection.cs, TestSelectionBlock.cs): the
@ marker "KEEL-TEST-SELECT", then 256 bytes of patterns, NUL-terminated, empty as built
@ (every case runs). The host writes the patterns into a copy of the image file before
@ boot (tests/Keel.Emulation/TestSelectionImage.cs), so selecting cases never rebuilds.
@
@ The block is in flash, read-only: it costs the task no RAM. The block and its accessor
@ share one section that the task's link script does not KEEP, so --gc-sections drops
@ both from every task that never asks for its selection (only test runners do).
    .syntax unified
    .thumb
    .section .rodata.keel_test_selection, "ax", %progbits
    .balign 4
keel_test_selection_block:
    .ascii "KEEL-TEST-SELECT"
keel_test_selection_patterns:
    .space 256

@ byte* keel_test_selection(void): the address of the patterns.
    .global keel_test_selection
    .type keel_test_selection, %function
    .thumb_func
keel_test_selection:
    ldr r0, =keel_test_selection_patterns
    bx lr
    .size keel_test_selection, . - keel_test_selection
    .ltorg
