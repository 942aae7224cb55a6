namespace WindowsNodeOperator.Sandbox.Controllers;

/// <summary>One control loop of the simulated cluster: reads the store afresh, writes what is due, says how many writes it made.</summary>
internal interface ISandboxController
{
    string Name { get; }

    int Reconcile();
}
