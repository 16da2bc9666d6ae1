*** Comments ***
The kernel's on-target suite (tests/target-suite) under Renode's own test runner,
renode-test, one Robot test per case. Build the suite for Renode first, from the
repository root:

    dotnet build tests/target-suite -p:KeelBoard=nucleo-f401re -p:KeelSuiteEmulator=renode
    renode-test renode-scripts/keel-suite.robot

The image boots once, in the suite setup, and runs every case in order; each test
waits for its case's verdict line on USART2, a line of the driver's (the kernel begins
each line a task prints with the task's name, so no worker can print the driver's
verdict), and compares the verdict whole: PASS, or for a
case whose subject Renode does not model SKIP with its reason (README.md, "Model
gaps"). The rows follow tests/target-suite/common/Catalogue.cs, and a firmware
test (RobotSuiteTests) fails when they stop agreeing.

*** Settings ***
Suite Setup       Boot The Suite
Suite Teardown    Teardown
# One boot for all the tests: no reset of the emulation between them (renode-test's
# default test setup and teardown both reset it).
Test Setup        No Operation
Test Teardown     No Operation
Test Template     Case Should End With

*** Variables ***
${SUITE_ELF}      @${CURDIR}/../tests/target-suite/bin/nucleo-f401re/target-suite.elf

*** Keywords ***
Boot The Suite
    Setup
    Execute Command           $elf=${SUITE_ELF}
    Execute Command           include @${CURDIR}/keel-board.resc
    Create Terminal Tester    sysbus.usart2    timeout=10
    Start Emulation

# The driver's verdict line of the case the test is named after, whole.
Case Should End With
    [Arguments]    ${verdict}
    ${line}=       Wait For Line On Uart    ^driver: (PASS|FAIL|SKIP) ${TEST NAME}(: .*)?$    treatAsRegex=true
    Should Be Equal    ${line.Line}    driver: ${verdict}

*** Test Cases ***
IPC0001    PASS IPC0001
IPC0002    PASS IPC0002
IPC0003    PASS IPC0003
IPC0004    PASS IPC0004
IPC0005    PASS IPC0005
IPC0006    PASS IPC0006
IPC0007    PASS IPC0007
IPC0008    PASS IPC0008
IPC0009    PASS IPC0009
IPC0010    PASS IPC0010
IPC0011    PASS IPC0011
IPC0012    PASS IPC0012
IPC0013    PASS IPC0013
IPC0014    PASS IPC0014
IPC0015    PASS IPC0015
IPC0016    PASS IPC0016
IPC0017    PASS IPC0017
IPC0018    PASS IPC0018
IPC0019    PASS IPC0019
IPC0020    PASS IPC0020
IPC0021    PASS IPC0021
IPC0022    PASS IPC0022
IPC0023    PASS IPC0023
IPC0024    PASS IPC0024
IPC0025    PASS IPC0025
IPC0026    PASS IPC0026
IPC0027    PASS IPC0027
IPC0028    PASS IPC0028
IPC0029    PASS IPC0029
NTF0001    PASS NTF0001
NTF0002    PASS NTF0002
NTF0003    PASS NTF0003
NTF0005    PASS NTF0005
SCH0001    PASS SCH0001
SCH0002    PASS SCH0002
SCH0003    PASS SCH0003
SCH0004    PASS SCH0004
SCH0005    PASS SCH0005
IRQ0001    PASS IRQ0001
IRQ0002    PASS IRQ0002
IRQ0003    PASS IRQ0003
FPU0001    PASS FPU0001
FLT0001    PASS FLT0001
FLT0002    SKIP FLT0002: Renode does not model the UNALIGNED UsageFault
FLT0003    PASS FLT0003
FLT0004    SKIP FLT0004: Renode does not model the DIVBYZERO UsageFault
FLT0005    PASS FLT0005
FLT0006    PASS FLT0006
DBG0002    PASS DBG0002
ISO0001    PASS ISO0001
ISO0002    PASS ISO0002
ISO0003    SKIP ISO0003: Renode stacks exception frames privileged
ISO0004    SKIP ISO0004: Renode stacks exception frames privileged
ISO0005    SKIP ISO0005: Renode stacks exception frames privileged
ISO0006    SKIP ISO0006: Renode stacks exception frames privileged
ISO0007    PASS ISO0007
ISO0008    PASS ISO0008
ISO0009    PASS ISO0009
ISO0010    SKIP ISO0010: Renode stacks exception frames privileged
ISO0011    SKIP ISO0011: Renode stacks exception frames privileged
ISO0012    PASS ISO0012
NTF0006    PASS NTF0006
CAP0001    PASS CAP0001
CAP0002    PASS CAP0002
CAP0003    PASS CAP0003
DBG0003    PASS DBG0003
CAP0004    PASS CAP0004
CAP0005    PASS CAP0005
FLT0007    PASS FLT0007
FLT0008    PASS FLT0008
MPU0101    PASS MPU0101
MPU0102    PASS MPU0102
MPU0103    PASS MPU0103
MPU0104    PASS MPU0104
MPU0105    PASS MPU0105
MPU0106    PASS MPU0106
MPU0201    PASS MPU0201
MPU0202    PASS MPU0202
MPU0203    PASS MPU0203
MPU0204    PASS MPU0204
MPU0205    PASS MPU0205
MPU0206    PASS MPU0206
MPU0301    PASS MPU0301
MPU0302    PASS MPU0302
MPU0303    PASS MPU0303
MPU0304    PASS MPU0304
MPU0305    PASS MPU0305
MPU0306    PASS MPU0306
MPU0401    PASS MPU0401
MPU0402    PASS MPU0402
MPU0403    PASS MPU0403
MPU0404    PASS MPU0404
MPU0405    PASS MPU0405
MPU0406    PASS MPU0406

Closing Line
    [Template]    NONE
    Wait For Line On Uart    driver: 86 passed, 0 failed, 8 skipped
