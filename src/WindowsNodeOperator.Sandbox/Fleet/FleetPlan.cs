namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Turns <see cref="FleetOptions"/> into concrete instances: deterministic for a seed and a "now".</summary>
public static class FleetPlan
{
    /// <summary>The EKS-optimized AMI ids the simulated fleet was launched from, one a month, newest last.</summary>
    public static IReadOnlyList<string> MonthlyWindowsAmis { get; } =
        ["ami-0b1d2c3e4f5a60901", "ami-0b1d2c3e4f5a61001", "ami-0b1d2c3e4f5a61101"];

    /// <summary>The Full (Desktop Experience) edition's monthly AMIs, for groups whose hardening says <c>Full</c>.</summary>
    public static IReadOnlyList<string> MonthlyWindowsFullAmis { get; } =
        ["ami-0f1e2d3c4b5a60901", "ami-0f1e2d3c4b5a61001", "ami-0f1e2d3c4b5a61101"];

    public const string LinuxAmi = "ami-0a7e9b8c6d5f41101";

    private static readonly string[] Months = ["0901", "1001", "1101"];

    /// <summary>The monthly AMIs of a Windows Server version and edition, newest last; 2022's are the lists above.</summary>
    public static IReadOnlyList<string> MonthlyAmis(string windowsVersion, bool full) => windowsVersion switch
    {
        "2022" => full ? MonthlyWindowsFullAmis : MonthlyWindowsAmis,
        _ => [.. Months.Select(m => $"ami-0{(full ? 'f' : 'c')}{windowsVersion[2..]}bd3e4f5a6{m}")],
    };

    public static IReadOnlyList<SimulatedInstance> Build(FleetOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        string[] zones = [$"{options.Region}a", $"{options.Region}b", $"{options.Region}c"];
        var instances = new List<SimulatedInstance>();
        var usedIps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in options.Groups)
        {
            for (var i = 0; i < group.Size; i++)
            {
                // Ages spread evenly from 0 to MaxAgeDays, with a few hours of jitter so no two match.
                var ageDays = group.Size == 1 ? 0 : group.MaxAgeDays * (double)i / (group.Size - 1);
                var age = TimeSpan.FromDays(ageDays) + TimeSpan.FromMinutes(random.Next(0, 300));
                var launch = now - age;
                var zone = zones[i % zones.Length];
                var id = $"i-{random.NextInt64(0, 1L << 60):x17}";
                var ip = NextIp(random, i % zones.Length, usedIps);
                instances.Add(new SimulatedInstance(
                    InstanceId: id,
                    GroupName: group.Name,
                    Os: group.Os,
                    InstanceType: group.LaunchedInstanceType,
                    AvailabilityZone: zone,
                    PrivateIp: ip,
                    ImageId: group.Os == NodeOs.Windows ? AmiLaunchedAt(WindowsAmis(group), launch, now) : LinuxAmi,
                    LaunchTime: TruncateToSeconds(launch),
                    WindowsBuild: group.Os == NodeOs.Windows ? WindowsBuilds.OfVersion(group.WindowsVersion) : null,
                    HostName: HostnameTypes.Of(options.HostnameType, id, ip, options.Region)));
            }
        }

        return instances;
    }

    /// <summary>The monthly Windows AMIs a group launches, by its version and edition.</summary>
    public static IReadOnlyList<string> WindowsAmis(GroupOptions group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return MonthlyAmis(group.WindowsVersion, group.Hardening?.Full == true);
    }

    // An instance launched in the last 30 days runs the newest AMI, 30 to 60 days the one before, and so on.
    private static string AmiLaunchedAt(IReadOnlyList<string> amis, DateTimeOffset launch, DateTimeOffset now)
    {
        var monthsAgo = (int)((now - launch).TotalDays / 30);
        var index = Math.Max(0, amis.Count - 1 - monthsAgo);
        return amis[index];
    }

    private static string NextIp(Random random, int subnet, HashSet<string> used)
    {
        while (true)
        {
            var ip = $"10.0.{(subnet * 32) + random.Next(0, 32)}.{random.Next(4, 255)}";
            if (used.Add(ip))
            {
                return ip;
            }
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
