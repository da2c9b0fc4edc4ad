import type { WorkflowRefusal } from '../../../shared/domain/record-workflow.js';
import type { ErrorCode } from '../../../shared/ipc/errors.js';
import { CoreError } from '../core-error.js';

/** A refusal that is audited (outside the rolled-back transaction) before it reaches the caller. */
export class AuditedRefusal extends CoreError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly auditReason: string,
    fields?: Record<string, string>,
    readonly auditFields?: readonly string[],
  ) {
    super(code, message, fields);
  }
}

const REFUSAL_CODES: Readonly<Record<WorkflowRefusal, ErrorCode>> = {
  erased: 'conflict',
  wrong_state: 'conflict',
  forbidden: 'forbidden',
  not_certified: 'forbidden',
  not_entrant: 'forbidden',
  reviewer_is_entrant: 'forbidden',
  checklist_incomplete: 'invalid_input',
  comments_required: 'invalid_input',
  reason_required: 'invalid_input',
  erasure_pending: 'conflict',
  no_erasure_request: 'conflict',
  requester_cannot_approve: 'forbidden',
  not_a_correction: 'conflict',
  online_submission: 'conflict',
};

const REFUSAL_FIELD: Partial<Record<WorkflowRefusal, string>> = {
  checklist_incomplete: 'checklist',
  comments_required: 'comments',
  reason_required: 'reason',
};

/** The state machine's refusal as the core's error, with the field it concerns. */
export function refused(reason: WorkflowRefusal): AuditedRefusal {
  return new AuditedRefusal(REFUSAL_CODES[reason], `Refused: ${reason}`, reason, {
    [REFUSAL_FIELD[reason] ?? '_']: `workflow.${reason}`,
  });
}
