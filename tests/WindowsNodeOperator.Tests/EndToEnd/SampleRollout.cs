namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>The rollout most scenarios start with: the sample policy (no windows) applied and run to Ready.</summary>
internal static class SampleRollout
{
    /// <summary>Applies the sample policy without windows and runs until it is Ready, within 16 h of sandbox time; prints the timeline however it ends.</summary>
    public static async Task RollOutSamplePolicyAsync(this OperatorInSandbox world)
    {
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        try
        {
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(16), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }
    }
}
