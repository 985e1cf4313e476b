/** Role, department and level as large tap chips (a picker wheel is hard at large font sizes). */
import { View, Text } from '@tarojs/components';
import { DEPARTMENTS, DEPARTMENT_LABELS, type DepartmentCode } from '@shared/actor';

export type StaffRoleName = 'reviewer' | 'auditor' | 'admin';

export interface RoleDraft {
  role: StaffRoleName;
  department?: DepartmentCode;
  level?: 1 | 2;
}

export const STAFF_ROLE_LABEL: Record<StaffRoleName, string> = {
  reviewer: '审核人员',
  auditor: '审计人员（只读）',
  admin: '平台管理员',
};

function Chip({
  on,
  label,
  testId,
  onTap,
}: {
  on: boolean;
  label: string;
  testId: string;
  onTap: () => void;
}) {
  return (
    <Text
      className={`chip ${on ? 'chip--on' : ''}`}
      data-testid={testId}
      aria-checked={on}
      onClick={onTap}
    >
      {label}
    </Text>
  );
}

export function RolePicker({
  value,
  onChange,
  prefix,
}: {
  value: RoleDraft;
  onChange: (v: RoleDraft) => void;
  /** keeps test ids unique when two pickers are on the page */
  prefix: string;
}) {
  return (
    <View className="role-picker">
      <Text className="form-field__label">角色</Text>
      <View className="chips">
        {(Object.keys(STAFF_ROLE_LABEL) as StaffRoleName[]).map((r) => (
          <Chip
            key={r}
            on={value.role === r}
            label={STAFF_ROLE_LABEL[r]}
            testId={`${prefix}-role-${r}`}
            onTap={() => {
              onChange({ ...value, role: r });
            }}
          />
        ))}
      </View>
      {value.role === 'reviewer' && (
        <>
          <Text className="form-field__label">部门（担保公司、合作银行人员选对应机构）</Text>
          <View className="chips">
            {DEPARTMENTS.map((d) => (
              <Chip
                key={d}
                on={value.department === d}
                label={DEPARTMENT_LABELS[d]}
                testId={`${prefix}-dept-${d}`}
                onTap={() => {
                  onChange({ ...value, department: d });
                }}
              />
            ))}
          </View>
          <Text className="form-field__label">审核级别</Text>
          <View className="chips">
            <Chip
              on={value.level === 1}
              label="初审（一级）"
              testId={`${prefix}-level-1`}
              onTap={() => {
                onChange({ ...value, level: 1 });
              }}
            />
            <Chip
              on={value.level === 2}
              label="复审（二级）"
              testId={`${prefix}-level-2`}
              onTap={() => {
                onChange({ ...value, level: 2 });
              }}
            />
          </View>
        </>
      )}
    </View>
  );
}

/** The role part of a create/change body; missing department or level is left for the schema to refuse. */
export function roleFields(v: RoleDraft): Record<string, unknown> {
  return v.role === 'reviewer'
    ? { role: v.role, department: v.department, level: v.level }
    : { role: v.role };
}
