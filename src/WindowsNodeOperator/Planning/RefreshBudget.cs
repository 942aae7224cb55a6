namespace WindowsNodeOperator.Planning;

/// <summary>
/// The arithmetic between a group's size, an instance refresh's MinHealthyPercentage and the number of instances the
/// refresh may take out at once: healthy capacity stays at or above ceil(size * min / 100).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/userguide/understand-instance-refresh-default-values.html</remarks>
internal static class RefreshBudget
{
    /// <summary>
    /// floor((size - allowed) / size * 100), clamped 0..100, raised (never lowered) until the refresh takes at most
    /// <paramref name="allowed"/> instances; a user's value is a floor the derivation may raise, not a way past the budget.
    /// </summary>
    public static int MinHealthyPercentage(int size, int allowed, int? requested)
    {
        if (size <= 0)
        {
            return Math.Clamp(requested ?? 0, 0, 100);
        }

        var min = Math.Clamp((int)((long)(size - allowed) * 100 / size), 0, 100);
        min = Math.Max(min, Math.Clamp(requested ?? 0, 0, 100));
        while (min < 100 && Reservation(size, min) > allowed)
        {
            min++;
        }

        return min;
    }

    /// <summary>How many instances a refresh of a group of <paramref name="size"/> may have out at once.</summary>
    public static int Reservation(int size, int? minHealthyPercentage)
    {
        // Unknown preferences: at least the one instance a refresh replaces at a time.
        if (minHealthyPercentage is not { } min)
        {
            return size > 0 ? 1 : 0;
        }

        var healthy = (int)(((long)size * Math.Clamp(min, 0, 100) + 99) / 100);
        return Math.Max(0, size - healthy);
    }
}
