namespace WindowsNodeOperator.Planning;

/// <summary>The numbers the policy status reports.</summary>
/// <param name="NextExpiry">The earliest launch time plus maxNodeAge among managed nodes not yet expired, drifted or not.</param>
internal sealed record FleetCounts(
    int Total,
    int Expired,
    int Drifted,
    int Compliant,
    int Unmanaged,
    DateTimeOffset? OldestLaunchTime,
    DateTimeOffset? NextExpiry,
    DateTimeOffset? NextMaintenanceWindow);
