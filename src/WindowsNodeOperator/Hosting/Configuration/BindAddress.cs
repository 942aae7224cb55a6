using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace WindowsNodeOperator.Hosting.Configuration;

/// <summary>Where an HTTP endpoint listens, written as controller-runtime writes it: <c>:8080</c> (every interface), <c>127.0.0.1:0</c>, <c>[::1]:8081</c>, <c>localhost:8080</c>.</summary>
internal sealed record BindAddress(IPAddress Address, int Port)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out BindAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon];
        IPAddress? ip = host switch
        {
            "" or "*" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ when host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) => v6,
            _ when !host.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(host, out var v4) => v4,
            _ => null,
        };
        if (ip is null)
        {
            return false;
        }

        address = new BindAddress(ip, port);
        return true;
    }

    /// <summary>Parses a setting the validator has already accepted.</summary>
    public static BindAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an address to listen on.");

    public IPEndPoint EndPoint => new(Address, Port);
}
