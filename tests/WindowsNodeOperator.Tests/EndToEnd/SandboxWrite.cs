using System.Globalization;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// One <c>write: CLIENT STATUS WHAT</c> line of the sandbox program's <c>--print-writes</c>, in the order it answered
/// them: <see cref="Verb"/> is the AWS action or the HTTP method, <see cref="Path"/> the Kubernetes path.
/// </summary>
internal sealed record SandboxWrite(int Index, string Client, int Status, string Verb, string Path, IReadOnlyDictionary<string, string> Parameters)
{
    private const string Prefix = "write: ";

    public bool IsLease => Path.Contains("/leases/", StringComparison.Ordinal);

    public bool Succeeded => Status is >= 200 and < 300;

    public string? this[string parameter] => Parameters.GetValueOrDefault(parameter);

    public static IReadOnlyList<SandboxWrite> Parse(string output) =>
    [
        .. output.Split('\n')
            .Where(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            .Select((line, index) =>
            {
                var words = line[Prefix.Length..].Trim().Split(' ');
                var parameters = words.Skip(3).Select(w => w.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
                var path = words.Length > 3 && words[3].StartsWith('/') ? words[3] : string.Empty;
                return new SandboxWrite(index, words[0], int.Parse(words[1], CultureInfo.InvariantCulture), words[2], path, parameters);
            }),
    ];

    public override string ToString() => $"#{Index} {Client} {Status} {Verb} {Path}{string.Concat(Parameters.Select(p => $" {p.Key}={p.Value}"))}";
}
