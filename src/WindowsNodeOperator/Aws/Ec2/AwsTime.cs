namespace WindowsNodeOperator.Aws.Ec2;

internal static class AwsTime
{
    /// <summary>The SDK hands out timestamps as <see cref="DateTime"/>; treat unspecified ones as UTC.</summary>
    public static DateTimeOffset ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
