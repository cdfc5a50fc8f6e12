using System.Collections.Generic;
using LineProf.Weaving.Planning;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LineProf.Weaving.Rewriting
{
    /// <summary>
    /// Rewrites one method's IL from its plan:
    /// <list type="bullet">
    /// <item>Enter (or Resume, in a state machine) first;</item>
    /// <item>a stack-neutral Hit before each sequence point's first instruction, with every branch, switch arm and
    /// exception-handler boundary that targeted that instruction moved to the probe, so arriving by any path counts;</item>
    /// <item>Exit in a finally around the whole body where every return is an exit; in async code, Complete
    /// before the builder's SetResult/SetException, Suspend before its AwaitOnCompleted and Leave before each
    /// return from MoveNext.</item>
    /// </list>
    /// Original instructions are kept as objects, so sequence points, scopes and async stepping info still name them
    /// and the PDB keeps mapping every original instruction to its original line.
    /// </summary>
    internal sealed class MethodRewriter
    {
        private readonly ProbeCalls _calls;
        private readonly LineMapFields _lineMap;

        public MethodRewriter(ProbeCalls calls, LineMapFields lineMap)
        {
            _calls = calls;
            _lineMap = lineMap;
        }

        public void Rewrite(MethodPlan plan)
        {
            var method = plan.Method;
            var body = method.Body;
            ShortForms.LengthenBranches(body); // inserted code must never leave a short branch out of reach

            var frame = plan.FrameInStateMachine
                ? FrameAccess.InStateMachine(method, _calls.Frame)
                : FrameAccess.InLocal(body, _calls.Frame);

            var siteLines = new Dictionary<Instruction, int>(plan.Sites.Count);
            foreach (var site in plan.Sites) siteLines.Add(site.Instruction, site.LineId);
            var completions = new HashSet<Instruction>(plan.Completions);
            var suspensions = new HashSet<Instruction>(plan.Suspensions);
            var probeStarts = new Dictionary<Instruction, Instruction>(plan.Sites.Count);
            var code = new List<Instruction>(body.Instructions.Count + plan.Sites.Count * 6 + 16);

            EmitEnter(code, frame, plan.MethodLineId, plan.FrameInStateMachine);
            int bodyStart = code.Count;
            foreach (var instruction in body.Instructions)
            {
                if (siteLines.TryGetValue(instruction, out int line)) probeStarts.Add(instruction, EmitHit(code, frame, line));

                // Stack-neutral: the completing call's arguments are already pushed, and a ret's value stays put.
                if (completions.Contains(instruction))
                {
                    EmitCall(code, frame, _calls.Complete);
                }
                else if (suspensions.Contains(instruction))
                {
                    EmitCall(code, frame, _calls.Suspend);
                }
                else if (instruction.OpCode.Code == Code.Ret && !plan.ExitsAtEveryReturn)
                {
                    var leave = EmitCall(code, frame, _calls.Leave);
                    if (!probeStarts.ContainsKey(instruction)) probeStarts.Add(instruction, leave); // every path to ret passes it
                }

                code.Add(instruction);
            }

            Retarget(code, body.ExceptionHandlers, probeStarts);
            if (plan.ExitsAtEveryReturn) code = WrapInExitFinally(method, code, bodyStart, frame);

            Replace(body, code);
            ShortForms.ShortenBranches(body);
        }

        /// <summary>Appends the probe for reaching a line; returns its first instruction.</summary>
        private Instruction EmitHit(List<Instruction> code, FrameAccess frame, int line)
        {
            int start = code.Count;
            frame.PushAddress(code);
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.Base));
            code.Add(ShortForms.LoadConstant(line));
            code.Add(Instruction.Create(OpCodes.Add));
            code.Add(Instruction.Create(OpCodes.Call, _calls.Hit));
            return code[start];
        }

        private void EmitEnter(List<Instruction> code, FrameAccess frame, int methodLine, bool resume)
        {
            frame.PushAddress(code);
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.Base));
            code.Add(ShortForms.LoadConstant(methodLine));
            code.Add(Instruction.Create(OpCodes.Add));
            code.Add(Instruction.Create(OpCodes.Ldsfld, _lineMap.End));
            code.Add(Instruction.Create(OpCodes.Call, resume ? _calls.Resume : _calls.Enter));
        }

        /// <summary>Appends a call of a probe that takes only the frame; returns its first instruction.</summary>
        private static Instruction EmitCall(List<Instruction> code, FrameAccess frame, MethodReference probe)
        {
            int start = code.Count;
            frame.PushAddress(code);
            code.Add(Instruction.Create(OpCodes.Call, probe));
            return code[start];
        }

        /// <summary>Everything that jumped to an instruction that now has a probe in front of it jumps to the probe.</summary>
        private static void Retarget(List<Instruction> code, IEnumerable<ExceptionHandler> handlers, Dictionary<Instruction, Instruction> probeStarts)
        {
            if (probeStarts.Count == 0) return;
            Instruction? Moved(Instruction? target) => target != null && probeStarts.TryGetValue(target, out var probe) ? probe : target;

            foreach (var instruction in code)
            {
                switch (instruction.Operand)
                {
                    case Instruction target:
                        instruction.Operand = Moved(target);
                        break;
                    case Instruction[] targets:
                        for (int i = 0; i < targets.Length; i++) targets[i] = Moved(targets[i])!;
                        break;
                }
            }

            foreach (var handler in handlers)
            {
                handler.TryStart = Moved(handler.TryStart);
                handler.TryEnd = Moved(handler.TryEnd);
                handler.HandlerStart = Moved(handler.HandlerStart);
                handler.HandlerEnd = Moved(handler.HandlerEnd);
                handler.FilterStart = Moved(handler.FilterStart);
            }
        }

        /// <summary>
        /// Puts everything after Enter in a try whose finally calls Exit, so the frame closes on every return and
        /// every exception. Returns become a store of the result and a leave to a single return after the handler.
        /// Builds a new list in one pass: inserting a leave after each of thousands of returns would be quadratic.
        /// </summary>
        private List<Instruction> WrapInExitFinally(MethodDefinition method, List<Instruction> code, int bodyStart, FrameAccess frame)
        {
            var body = method.Body;
            var returnsValue = WithoutModifiers(method.ReturnType).MetadataType != MetadataType.Void;
            VariableDefinition? result = null;
            if (returnsValue)
            {
                result = new VariableDefinition(method.ReturnType);
                body.Variables.Add(result);
            }

            var epilogue = new List<Instruction>(2);
            if (result != null) epilogue.Add(ShortForms.Local(OpCodes.Ldloc, result));
            epilogue.Add(Instruction.Create(OpCodes.Ret));

            var wrapped = new List<Instruction>(code.Count + 16);
            for (int i = 0; i < code.Count; i++)
            {
                var instruction = code[i];
                wrapped.Add(instruction);
                if (i < bodyStart || instruction.OpCode.Code != Code.Ret) continue;

                // The ret object itself becomes the first instruction of the exit path, so whatever targeted it
                // (a branch, a sequence point) still does.
                if (result != null)
                {
                    var store = ShortForms.Local(OpCodes.Stloc, result);
                    instruction.OpCode = store.OpCode;
                    instruction.Operand = store.Operand;
                    wrapped.Add(Instruction.Create(OpCodes.Leave, epilogue[0]));
                }
                else
                {
                    instruction.OpCode = OpCodes.Leave;
                    instruction.Operand = epilogue[0];
                }
            }

            var handlerStart = EmitCall(wrapped, frame, _calls.Exit);
            wrapped.Add(Instruction.Create(OpCodes.Endfinally));

            // A region that ran to the end of the method (a null end) must now stop where the new handler begins.
            foreach (var existing in body.ExceptionHandlers)
            {
                existing.TryEnd ??= handlerStart;
                existing.HandlerEnd ??= handlerStart;
            }

            wrapped.AddRange(epilogue);
            body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
            {
                TryStart = code[bodyStart],
                TryEnd = handlerStart,
                HandlerStart = handlerStart,
                HandlerEnd = epilogue[0],
            });
            return wrapped;
        }

        /// <summary>
        /// An init accessor returns <c>void modreq(IsExternalInit)</c>: still void, though Cecil reports the modifier's
        /// metadata type, not the void it modifies.
        /// </summary>
        private static TypeReference WithoutModifiers(TypeReference type)
        {
            while (type is IModifierType modified) type = modified.ElementType;
            return type;
        }

        private static void Replace(MethodBody body, List<Instruction> code)
        {
            // Clear and re-add keeps this linear in the method's size; Collection.Insert would make it quadratic.
            var instructions = body.Instructions;
            instructions.Clear();
            foreach (var instruction in code) instructions.Add(instruction);
            code[0].Previous = null;
            code[code.Count - 1].Next = null;
        }
    }
}
