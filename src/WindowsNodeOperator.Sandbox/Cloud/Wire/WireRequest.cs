namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>One HTTP request as it came off the wire: method, raw query string, headers (case-insensitive) and body bytes.</summary>
internal sealed record WireRequest(string Method, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A request from headers as HTTP stacks list them: a header given more than once is joined with commas.</summary>
    public static WireRequest Create(string method, string? query, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var value = string.Join(',', values);
            joined[name] = joined.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        return new WireRequest(method, query ?? string.Empty, joined, body);
    }
}
