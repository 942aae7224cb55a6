using System.Globalization;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>Seeded ids, tokens and addresses, so a seed replays the same account.</summary>
internal sealed class IdGenerator(int seed)
{
    private readonly Random _random = new(seed);

    // Activity ids come from their own sequence, so recording activities does not move any other id.
    private readonly Random _activities = new(seed + 1);
    private readonly HashSet<string> _usedIps = new(StringComparer.Ordinal);

    public string InstanceId() => $"i-{_random.NextInt64(0, 1L << 60):x17}";

    public string ImageId() => $"ami-{_random.NextInt64(0, 1L << 60):x17}";

    public string LaunchTemplateId() => $"lt-{_random.NextInt64(0, 1L << 60):x17}";

    public string Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    public string ActivityId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _activities.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    public void ReserveIp(string ip) => _usedIps.Add(ip);

    /// <summary>A free private address in the /19 of the zone's subnet (zone index 0, 1, 2...).</summary>
    public string PrivateIp(int zoneIndex)
    {
        while (true)
        {
            var ip = string.Create(CultureInfo.InvariantCulture, $"10.0.{(zoneIndex * 32) + _random.Next(0, 32)}.{_random.Next(4, 255)}");
            if (_usedIps.Add(ip))
            {
                return ip;
            }
        }
    }
}
