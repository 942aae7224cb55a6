namespace WindowsNodeOperator.Planning;

/// <summary>
/// The one action a plan allows now: <see cref="NoAction"/>, <see cref="Wait"/>, <see cref="UpdateLaunchTemplate"/>,
/// <see cref="StartRefresh"/>, <see cref="CancelRefresh"/>, <see cref="RollbackRefresh"/> or <see cref="ReplaceInstance"/>;
/// no other kinds exist.
/// </summary>
internal abstract record PlanAction
{
    private protected PlanAction()
    {
    }

    /// <summary>Whether performing the action changes the cluster or AWS.</summary>
    public bool Changes => this is not (NoAction or Wait);
}
