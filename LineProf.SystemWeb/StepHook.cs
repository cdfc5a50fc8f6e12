using System;
using System.Reflection;
using System.Web;

namespace LineProf.SystemWeb
{
    /// <summary>
    /// Keeps the request current for every stage of its pipeline. A request's profile flows with the ExecutionContext
    /// from BeginRequest on; IIS's integrated pipeline, though, enters managed code anew for each stage, so the handler
    /// may run on a flow that never saw BeginRequest. .NET Framework 4.7.1 added HttpApplication.OnExecuteRequestStep
    /// for exactly this: a callback before each stage, where the request is made current again. It is looked up at
    /// run time because this assembly targets 4.6.2; where it is missing (older frameworks, Mono, whose classic
    /// pipeline runs a request's stages on one flow) nothing is attached.
    /// </summary>
    internal static class StepHook
    {
        private static readonly MethodInfo? s_onExecuteRequestStep =
            typeof(HttpApplication).GetMethod("OnExecuteRequestStep", new[] { typeof(Action<HttpContextBase, Action>) });

        internal static void Attach(HttpApplication application)
        {
            if (s_onExecuteRequestStep == null) return;
            try
            {
                s_onExecuteRequestStep.Invoke(application, new object[] { new Action<HttpContextBase, Action>(BeforeStep) });
            }
            catch (TargetInvocationException)
            {
                // The host refuses step callbacks (the classic pipeline on IIS): its stages share one flow anyway.
            }
        }

        private static void BeforeStep(HttpContextBase context, Action step)
        {
            try
            {
                RequestScopes.Of(context)?.Restore();
            }
            catch (Exception)
            {
                // Never keep a stage from running.
            }

            step();
        }
    }
}
