namespace WindowsNodeOperator.Cli;

/// <summary>What the command's writers are connected to: colour only on a terminal and without <c>NO_COLOR</c> (https://no-color.org).</summary>
internal sealed record Terminal(bool Colour, bool Progress)
{
    public static Terminal For(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var colour = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb";
        var progress = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        return new Terminal(colour, progress);
    }

    public string Paint(string text, ConsoleColor colour) => !Colour ? text : colour switch
    {
        ConsoleColor.Red => $"\u001b[31m{text}\u001b[0m",
        ConsoleColor.Green => $"\u001b[32m{text}\u001b[0m",
        ConsoleColor.Yellow => $"\u001b[33m{text}\u001b[0m",
        _ => text,
    };
}
