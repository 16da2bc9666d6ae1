// A command's arguments after the command word: flags (--gdb), options with one value
// (--board B), and positional arguments. Anything else is a usage error, never ignored.
namespace Keel.Cli;

public sealed class Arguments
{
    private readonly HashSet<string> _flags = [];
    private readonly Dictionary<string, string> _options = [];
    private readonly List<string> _positional = [];

    public Arguments(IReadOnlyList<string> arguments, string command, string[] flags, string[] options, int maxPositional)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (flags.Contains(argument))
                _flags.Add(argument);
            else if (options.Contains(argument))
            {
                if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw CliError.Usage($"{command}: option {argument} needs a value.");
                if (!_options.TryAdd(argument, arguments[++i]))
                    throw CliError.Usage($"{command}: option {argument} is given twice.");
            }
            else if (argument.StartsWith('-'))
                throw CliError.Usage($"{command}: unknown option {argument}.");
            else if (_positional.Count < maxPositional)
                _positional.Add(argument);
            else
                throw CliError.Usage($"{command}: unexpected argument '{argument}'.");
        }
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public string? Positional(int index) => index < _positional.Count ? _positional[index] : null;

    public string Choice(string command, string name, string[] allowed)
    {
        string value = Option(name) ?? allowed[0];
        return allowed.Contains(value) ? value : throw CliError.Usage($"{command}: {name} must be one of {string.Join(", ", allowed)}, not '{value}'.");
    }

    // A whole number from 1 to `maximum`, or null when the option is not given.
    public int? WholeNumber(string command, string name, int maximum = int.MaxValue)
    {
        string? value = Option(name);
        if (value is null)
            return null;
        string expected = maximum == int.MaxValue ? "a positive whole number" : $"a whole number from 1 to {maximum}";
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= maximum
            ? number
            : throw CliError.Usage($"{command}: {name} must be {expected}, not '{value}'.");
    }

    public TimeSpan? Seconds(string command, string name)
    {
        string? value = Option(name);
        if (value is null)
            return null;
        return double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw CliError.Usage($"{command}: {name} must be a positive number of seconds, not '{value}'.");
    }
}
