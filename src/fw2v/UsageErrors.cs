using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace FastW2V.Cli;

/// <summary>
/// What is wrong with a command line, in one line and in the user's words: an unknown name with the
/// nearest known one ("did you mean '--size'?"), a value of the wrong kind as what the option takes
/// ("a whole number"), never a .NET type name. Anything else is the parser's own message on one line.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The message for a command line that cannot run, or null when it can.</summary>
    public static string? Describe(ParseResult parse) =>
        parse.Errors.Count > 0
            ? UnknownName(parse) ?? WrongValue(parse) ?? ParserMessage(parse)
            : OptionTakenAsArgument(parse);

    /// <summary>"unknown command 'trian'; did you mean 'train'?", or the list of commands.</summary>
    public static string UnknownCommand(string name, Command root)
    {
        var names = root.Subcommands.Select(c => c.Name).ToList();
        return Spelling.Closest(name, names) is { } near
            ? $"unknown command '{name}'; did you mean '{near}'?"
            : $"unknown command '{name}'; the commands are {string.Join(", ", names)}";
    }

    /// <summary>An unrecognized option or subcommand, with the nearest of the command's names.</summary>
    private static string? UnknownName(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        foreach (string token in parse.UnmatchedTokens)
        {
            if (IsOption(token)) return UnknownOption(token, command);
            if (BoolValue(parse, token) is { } message) return message;
            if (command.Subcommands.Count > 0
                && Spelling.Closest(token, command.Subcommands.Select(c => c.Name)) is { } near)
                return $"unknown command '{token}'; did you mean '{near}'?";
        }
        return null;
    }

    private static string UnknownOption(string token, Command command)
    {
        var names = OptionsOf(command).SelectMany(o => o.Aliases.Prepend(o.Name));
        // At the top, word2vec.c's flags (fw2v -trian …) mean the train command's.
        if (command is RootCommand) names = names.Concat(ClassicArguments.Names);
        return Spelling.Closest(token, names.Distinct()) is { } near
            ? $"Unrecognized option '{token}'; did you mean '{near}'?"
            : $"Unrecognized option '{token}'";
    }

    /// <summary>The command's options and those its parents give every subcommand (--help).</summary>
    private static IEnumerable<Option> OptionsOf(Command command) =>
        command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)));

    /// <summary>
    /// "--binary 2": a flag takes no value, or true or false (--binary 0 or 1), so the parser left it over.
    /// </summary>
    private static string? BoolValue(ParseResult parse, string token)
    {
        var tokens = parse.Tokens;
        for (int i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Value != token || tokens[i - 1].Type != TokenType.Option) continue;
            string name = tokens[i - 1].Value;
            var option = OptionsOf(parse.CommandResult.Command)
                .FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));
            if (option != null && (Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType) == typeof(bool))
                return $"{name} takes {ValueWords.For(typeof(bool), name, token)} (got '{token}')";
        }
        return null;
    }

    /// <summary>
    /// A value the option's type does not parse ("--size takes a whole number (got 'abc')"), one outside its
    /// list ("--progress takes text or json (got 'xml')"), or none at all ("--size needs a whole number").
    /// </summary>
    private static string? WrongValue(ParseResult parse)
    {
        foreach (var error in parse.Errors)
        {
            var (name, symbol, tokens) = error.SymbolResult switch
            {
                OptionResult o => (o.IdentifierToken?.Value ?? o.Option.Name, (Symbol)o.Option, o.Tokens),
                ArgumentResult { Parent: OptionResult o } a => (o.IdentifierToken?.Value ?? o.Option.Name, o.Option,
                    a.Tokens),
                ArgumentResult a => ($"<{a.Argument.Name}>", a.Argument, a.Tokens),
                _ => (null, null, null),
            };
            if (name == null || symbol == null || tokens == null) continue;
            var type = symbol switch { Option o => o.ValueType, Argument a => a.ValueType, _ => typeof(string) };
            if (type.IsArray) type = type.GetElementType()!;
            type = Nullable.GetUnderlyingType(type) ?? type;
            var choices = type == typeof(string)
                ? symbol.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty)
                    .Select(c => c.Label).ToList()
                : [];
            if (tokens.Count == 0 && symbol is Option { Arity.MinimumNumberOfValues: > 0 })
                return $"{name} needs {(type == typeof(string) && choices.Count == 0 ? "a value"
                    : choices.Count > 0 ? ValueWords.OneOf(choices) : ValueWords.For(type, name, ""))}";
            if (choices.Count > 0 && tokens.FirstOrDefault(t => !choices.Contains(t.Value)) is { } notListed)
                return $"{name} takes {ValueWords.OneOf(choices)} (got '{notListed.Value}')";
            var bad = tokens.FirstOrDefault(t => !ValueWords.Parses(type, t.Value));
            if (bad != null) return $"{name} takes {ValueWords.For(type, name, bad.Value)} (got '{bad.Value}')";
        }
        return null;
    }

    /// <summary>One line, even for the parser's multi-line messages (the list of accepted values).</summary>
    private static string ParserMessage(ParseResult parse)
    {
        // "Unrecognized command or argument 'x'" says more than "Required command was not provided".
        var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
            ?? parse.Errors[0];
        var parts = first.Message.Split(
            ['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', parts);
    }

    /// <summary>
    /// An unknown option that a command's file or word argument took as a value (`eval similarity V f
    /// --bogus` read a file '--bogus'): refused. A number (-5) is a value; <c>nn</c>'s words may be
    /// negated with one dash (-man), so there only a double dash is an option.
    /// </summary>
    private static string? OptionTakenAsArgument(ParseResult parse)
    {
        bool signedWords = parse.CommandResult.Command.Name == "nn";
        foreach (var argument in parse.CommandResult.Children.OfType<ArgumentResult>())
            foreach (var token in argument.Tokens)
            {
                string v = token.Value;
                if (!IsOption(v)) continue;
                if (signedWords && v[1] != '-') continue;
                return UnknownOption(v, parse.CommandResult.Command);
            }
        return null;
    }

    /// <summary>A dash and more that is not a number (-5 is a value); "-" alone is standard input.</summary>
    private static bool IsOption(string token) =>
        token.Length >= 2 && token[0] == '-' && !double.TryParse(token, CultureInfo.InvariantCulture, out _);
}
