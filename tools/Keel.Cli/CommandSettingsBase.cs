// The parts of the command line several commands share: the application folder (the
// APP argument) and option values that must be whole numbers or seconds. Values are
// read as text and checked in each settings' Validate, so a wrong value is a usage
// error (status 2) in keel's own words, not a conversion error.
using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Keel.Cli;

// Every command's settings. Spectre.Console.Cli 0.57.2 with strict parsing fills an
// option given last without its value (`keel build --board`) with the text
// "__default_command" instead of refusing it; Validate refuses it here, once for every
// command, before the command's own checks (CheckValues).
public abstract class KeelSettings : CommandSettings
{
    private const string SpectreMissingValue = "__default_command";

    public sealed override ValidationResult Validate()
    {
        foreach (var property in GetType().GetProperties())
        {
            if (property.GetCustomAttributes(typeof(CommandOptionAttribute), true).FirstOrDefault() is CommandOptionAttribute option
                && property.GetValue(this) is SpectreMissingValue)
                return ValidationResult.Error($"option --{option.LongNames[0]} needs a value.");
        }
        return CheckValues();
    }

    protected virtual ValidationResult CheckValues() => ValidationResult.Success();
}

public class AppSettings : KeelSettings
{
    [CommandArgument(0, "[APP]")]
    [Description("The application's folder (app.toml beside its project). Default: the application the current folder is in; inside Keel's tree, firmware/policy-demo.")]
    public string? App { get; set; }
}

public static class OptionValues
{
    public static ValidationResult Choice(string command, string name, string value, string[] allowed) =>
        allowed.Contains(value) ? ValidationResult.Success() : ValidationResult.Error($"{command}: {name} must be one of {string.Join(", ", allowed)}, not '{value}'.");

    // A whole number from 1 to `maximum`, or null when the option is not given.
    public static int? WholeNumber(string command, string name, string? value, int maximum = int.MaxValue)
    {
        if (value is null)
            return null;
        string expected = maximum == int.MaxValue ? "a positive whole number" : $"a whole number from 1 to {maximum}";
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= maximum
            ? number
            : throw CliError.Usage($"{command}: {name} must be {expected}, not '{value}'.");
    }

    public static TimeSpan? Seconds(string command, string name, string? value)
    {
        if (value is null)
            return null;
        return double.TryParse(value, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw CliError.Usage($"{command}: {name} must be a positive number of seconds, not '{value}'.");
    }

    // Runs checks that throw a usage CliError; Spectre's Validate speaks ValidationResult.
    public static ValidationResult Check(Action check)
    {
        try
        {
            check();
            return ValidationResult.Success();
        }
        catch (CliError error)
        {
            return ValidationResult.Error(error.Message);
        }
    }
}

// A command that adds a named task to an application (keel new task, keel add driver):
// the application is an option, since the task's name is the argument.
public abstract class AddToAppSettings : KeelSettings
{
    [CommandOption("-a|--app <DIR>")]
    [Description("The application's folder. Default: the application the current folder is in; inside Keel's tree, firmware/policy-demo.")]
    public string? App { get; set; }

    public abstract string Name { get; set; }
}
