// Every Python rule, in the order their sites claim calls (the first rule to
// claim a call owns it).
import type { PythonRule } from '../context.js';
import { asyncPropagation } from './async-propagation.js';
import { authCall } from './auth-call.js';
import { cacheCall } from './cache-call.js';
import { getObjectOr404 } from './get-object-or-404.js';
import { missingAwait } from './missing-await.js';
import { ormInstanceCall } from './orm-instance-call.js';
import { ormIteration } from './orm-iteration.js';
import { ormTerminalCall } from './orm-terminal-call.js';
import { timeSleep } from './time-sleep.js';
import { transactionAtomic } from './transaction-atomic.js';
import { middlewareAsync } from './middleware-async.js';
import { syncToAsyncWrap } from './sync-to-async-wrap.js';
import { requestsCall } from './requests-call.js';
import { requestUser } from './request-user.js';
import { sessionCall } from './session-call.js';
import { lazyRelation } from './lazy-relation.js';
import { fileIoCall } from './file-io-call.js';
import { formCall } from './form-call.js';
import { subprocessCall } from './subprocess-call.js';
import { asyncioTask } from './asyncio-task.js';

export const PYTHON_RULES: PythonRule[] = [
  asyncPropagation,
  transactionAtomic,
  fileIoCall,
  middlewareAsync,
  requestUser,
  sessionCall,
  lazyRelation,
  missingAwait,
  timeSleep,
  requestsCall,
  subprocessCall,
  asyncioTask,
  ormTerminalCall,
  ormIteration,
  ormInstanceCall,
  getObjectOr404,
  cacheCall,
  authCall,
  syncToAsyncWrap,
  formCall,
];
